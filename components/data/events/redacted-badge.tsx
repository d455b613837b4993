// Shown only where the redactor replaced something, so the badge means what it says.
import { Badge } from '@/components/ui/badge';

export function RedactedBadge() {
  return <Badge tone="info">personal data redacted</Badge>;
}
