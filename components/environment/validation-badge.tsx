// The validation status of a scenario version as a badge.
import { Badge } from '@/components/ui/badge';
import { validationTone } from './format';

const LABEL: Record<string, string> = { unvalidated: 'not validated', passed: 'validated', failed: 'validation failed' };

export function ValidationBadge({ status }: { status: string }) {
  return (
    <span data-testid="validation-badge" data-status={status}>
      <Badge tone={validationTone[status]}>{LABEL[status] ?? status}</Badge>
    </span>
  );
}
