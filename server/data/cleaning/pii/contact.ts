// E-mail addresses and phone numbers. Phones are the hard case: agent logs are full of digit runs (order numbers,
// arithmetic, dates), so a phone needs phone-like formatting or a word that announces it, never digits alone.
import type { Entity } from '@/common/pii-types';
import { hasIdCue, hasPhoneCue, looksArithmetic } from './context';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])/g;

export function findEmails(text: string, out: Entity[]): void {
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m; m = EMAIL.exec(text)) {
    // `user:pass@host` in a URL is a credential (see secrets), not an address.
    if (m.index > 0 && text[m.index - 1] === ':') continue;
    out.push({ type: 'EMAIL', start: m.index, end: m.index + m[0].length });
  }
}

/**
 * A run that could be a phone number: an optional `+country` and `(area)`, then digits with single separators.
 * The lookbehind keeps out numbers glued to words, money (`$`, `€`), ids (`#`) and decimals; the lookahead keeps out
 * runs that continue as a decimal or a longer code.
 */
const PHONE_CANDIDATE = /(?<![\w+$€£#/.,-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .-]?\d){5,16}(?![\w/]|[.,:-]\d)/g;

const DATE_SHAPE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|(?:19|20)\d\d[ -](?:19|20)\d\d)$/;

export function findPhones(text: string, out: Entity[]): void {
  PHONE_CANDIDATE.lastIndex = 0;
  for (let m = PHONE_CANDIDATE.exec(text); m; m = PHONE_CANDIDATE.exec(text)) {
    const s = m[0];
    if (isPhone(text, s, m.index)) out.push({ type: 'PHONE', start: m.index, end: m.index + s.length });
  }
}

function isPhone(text: string, s: string, start: number): boolean {
  const end = start + s.length;
  let digits = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) digits++;
  if (digits < 7 || digits > 15) return false;
  // `12:30451234` continues a time or a ratio; `tel:5551234` is fine.
  if (text[start - 1] === ':' && /\d/.test(text[start - 2] ?? '')) return false;
  if (DATE_SHAPE.test(s)) return false;
  // A number named as an id right before it ("order #", "invoice", "ticket") is that id, whatever its shape.
  if (hasIdCue(text, start)) return false;
  const cue = hasPhoneCue(text, start);
  const international = s[0] === '+';
  const groups = s
    .replace(/^\+\d{1,3}[ .-]?/, '')
    .split(/[ .()-]+/)
    .filter(Boolean);
  const separators = s.replace(/[\d+]/g, '');
  if (international) {
    // `+` then 8..15 digits is the E.164 form ("+33 1 43 24 97 37" too); it must not continue an expression ("3 +5551234567").
    return digits >= 8 && !precededByOperand(text, start);
  }
  // Every group has two or more digits: "1 2 3 4 5 6 7" is a list, not a number to call.
  if (groups.some((g) => g.length < 2)) return false;
  if (looksArithmetic(text, start, end)) return false;
  if (s[0] === '(') return digits >= 7 && digits <= 11;
  // North-American 3-3-4 with one consistent separator: "555-123-4567", "555.123.4567".
  const nanp = groups.length === 3 && groups[0]!.length === 3 && groups[1]!.length === 3 && groups[2]!.length === 4;
  const oneSeparator = separators.length === 2 && separators[0] === separators[1];
  if (nanp && oneSeparator && separators[0] !== ' ') return true;
  // Anything else (spaces only, other groupings, a bare run of digits) only with a word that says it is a phone,
  // and dots only in the 3-3-4 form above (dotted runs are versions and IPs far more often).
  return cue && !separators.includes('.');
}

/** True when a digit or closing bracket comes just before (ignoring spaces): `+` then is an operator. */
function precededByOperand(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - 3; i--) {
    const c = text[i]!;
    if (c === ' ') continue;
    return (c >= '0' && c <= '9') || c === ')' || c === '=';
  }
  return false;
}
