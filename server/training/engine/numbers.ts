// Number abstraction: each distinct number literal a row reads (its prompt, tool results) becomes a reference token
// <num_k>, k in order of first appearance, and a number the model writes that equals one it read is that same reference.
// The model then learns which numbers go where (entity anonymisation, as in semantic parsing), not how to spell them:
// what it learns on 0..99 holds for 877, 12,500, -3 or 0.333333333333, and a row costs one token per number.

/** A number literal: digits with optional thousands separators ("12,500") and an optional decimal part ("2.5"). */
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/y;

/** The number literal starting at `at` in `text`, if one does. */
export function numberAt(text: string, at: number): string | null {
  NUMBER.lastIndex = at;
  return NUMBER.exec(text)?.[0] ?? null;
}

/** What a literal stands for, as the calculator reads it: "12,500" and "12500" are one number. */
export const canonicalNumber = (literal: string) => literal.replace(/,/g, '');

/**
 * The numbers one row has read so far, by reference index. `read` assigns the next index to a new number (the row's
 * inputs); `lookup` only finds one already read (what the model writes), so a number it invents stays as characters.
 */
export class NumberTable {
  private readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.values.length;
  }

  /** The reference of `literal`, assigned if new; null once every reference is taken (the literal then stays as characters). */
  read(literal: string): number | null {
    const key = canonicalNumber(literal);
    const known = this.index.get(key);
    if (known !== undefined) return known;
    if (this.values.length >= this.capacity) return null;
    this.values.push(key);
    this.index.set(key, this.values.length - 1);
    return this.values.length - 1;
  }

  lookup(literal: string): number | null {
    return this.index.get(canonicalNumber(literal)) ?? null;
  }

  /** The number a reference stands for (canonical form); null for one this row has not read. */
  value(ref: number): string | null {
    return this.values[ref] ?? null;
  }
}
