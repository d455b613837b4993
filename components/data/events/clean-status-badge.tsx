// An event's cleaning verdict at a glance: not cleaned yet, kept, or filtered out (with its reason).
import type { CleanStatus } from '@/db/schema';
import { Badge } from '@/components/ui/badge';

export function CleanStatusBadge({ status, reason }: { status: CleanStatus; reason?: string | null }) {
  if (status === 'kept') return <Badge tone="success">kept</Badge>;
  if (status === 'filtered') return <Badge tone="warning">filtered{reason ? `: ${reason}` : ''}</Badge>;
  return <Badge>raw</Badge>;
}
