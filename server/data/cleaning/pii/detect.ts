// Finds every PII span in a text and redacts them with typed placeholders. Cheap pre-checks (how many digits, is
// there an `@`, a `:`) decide which detectors can possibly match, so ordinary chat turns cost a single scan.
import { findEmails, findPhones } from './contact';
import { findCards, findIbans, findIpv4, findIpv6, findSsns } from './numbers';
import { findSecrets } from './secrets';
import { applyRedactions, type Entity, type PiiType } from '@/common/pii-types';

export { applyRedactions };

/** When two detectors claim overlapping text, the more specific one wins (a key containing digits is a secret, not a phone). */
const PRIORITY: Record<PiiType, number> = { SECRET: 7, EMAIL: 6, IBAN: 5, CREDIT_CARD: 4, SSN: 3, IP_ADDRESS: 2, PHONE: 1 };

/** Any of these substrings can start a secret; without one, the secret detectors are skipped. */
const SECRET_HINT =
  /sk[-_]|[rp]k_|gh[pousr]_|github_pat|AKIA|ASIA|xox|AIza|glpat|af_live|af_wrk|eyJ|-----BEGIN|key|token|secret|pass|pwd|\bpin\b|bearer|:\/\//i;

export function findPii(text: string): Entity[] {
  const found: Entity[] = [];
  if (text.length < 6) return found;
  let digits = 0;
  let colons = 0;
  let dots = 0;
  let at = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 58) colons++;
    else if (c === 46) dots++;
    else if (c === 64) at = true;
  }
  if (at) findEmails(text, found);
  if (SECRET_HINT.test(text)) findSecrets(text, found);
  if (digits >= 4 && dots >= 3) findIpv4(text, found);
  if (colons >= 2) findIpv6(text, found);
  if (digits >= 6) findIbans(text, found);
  if (digits >= 7) findPhones(text, found);
  if (digits >= 9) findSsns(text, found);
  if (digits >= 12) findCards(text, found);
  return found.length ? resolveOverlaps(found) : found;
}

/** Keeps the highest-priority (then longest) span wherever spans overlap; returns them in text order. */
export function resolveOverlaps(spans: Entity[]): Entity[] {
  const ranked = [...spans].sort((a, b) => PRIORITY[b.type] - PRIORITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Entity[] = [];
  for (const s of ranked) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

export type Redaction = { text: string; entities: Entity[] };

export function redact(text: string): Redaction {
  const entities = findPii(text);
  return { text: applyRedactions(text, entities), entities };
}
