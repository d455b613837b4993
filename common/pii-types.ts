// The kinds of personal data and secrets cleaning redacts, and how a found span is described (offsets in the original text).
export const PII_TYPES = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'SSN', 'IP_ADDRESS', 'IBAN', 'SECRET'] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** A span `[start, end)` of the original text (UTF-16 offsets, as JavaScript strings index). */
export type Entity = { type: PiiType; start: number; end: number };

export const placeholder = (type: PiiType) => `[${type}]`;

/** Replaces each span (in text order, non-overlapping) with its placeholder. */
export function applyRedactions(text: string, entities: readonly Entity[]): string {
  if (!entities.length) return text;
  let out = '';
  let pos = 0;
  for (const e of entities) {
    out += text.slice(pos, e.start) + placeholder(e.type);
    pos = e.end;
  }
  return out + text.slice(pos);
}

export const isPiiType = (x: unknown): x is PiiType => typeof x === 'string' && (PII_TYPES as readonly string[]).includes(x);
