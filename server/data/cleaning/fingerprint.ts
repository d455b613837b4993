// Hashes that key duplicate detection: the exact key (case and white space normalised) and the numbers-and-operators
// fingerprint that keeps "What is 12+5?" and "What is 12+6?" apart however similar the rest of the text is.

/** murmur3's finaliser: spreads every input bit over the whole 32-bit word. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 0xa0;

/** Lower case of every UTF-16 unit, built once at load (a few ms): no string is made per character. */
const LOWER = new Uint16Array(65536);
for (let i = 0; i < 65536; i++) {
  const l = String.fromCharCode(i).toLowerCase();
  LOWER[i] = l.length === 1 ? l.charCodeAt(0) : i;
}

export const lowerCode = (c: number): number => LOWER[c]!;

/**
 * A 53-bit hash of prompt and response after lower-casing and collapsing white space (trimmed), computed in one pass
 * without building the normalised strings (two independent 32-bit lanes, as cyrb53). A collision needs ~10^8 events.
 */
export function exactKey(prompt: string, response: string): number {
  let h1 = 0xdeadbeef ^ 0x9e37,
    h2 = 0x41c6ce57 ^ 0x9e37;
  for (let part = 0; part < 2; part++) {
    const text = part === 0 ? prompt : response;
    if (part === 1) {
      // A separator no text contains, so ("ab", "c") and ("a", "bc") differ.
      h1 = Math.imul(h1 ^ 0x1f, 2654435761);
      h2 = Math.imul(h2 ^ 0x1f, 1597334677);
    }
    let pendingSpace = false;
    let started = false;
    for (let i = 0; i < text.length; i++) {
      const raw = text.charCodeAt(i);
      if (isSpace(raw)) {
        pendingSpace = started;
        continue;
      }
      if (pendingSpace) {
        // One space for the whole run of white space before this character.
        h1 = Math.imul(h1 ^ 32, 2654435761);
        h2 = Math.imul(h2 ^ 32, 1597334677);
        pendingSpace = false;
      }
      started = true;
      const c = LOWER[raw]!;
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** + - * / × ÷ ^ = % : arithmetic that changes what a number means. */
const isOperator = (c: number) =>
  c === 43 || c === 45 || c === 42 || c === 47 || c === 0xd7 || c === 0xf7 || c === 94 || c === 61 || c === 37;

/**
 * The ordered sequence of numbers and arithmetic operators in both texts, hashed (0 when there is none). Order counts
 * because "12-5" and "5-12" differ. An operator counts only next to a digit, so the hyphen in "e-mail" is not one.
 */
export function numberFingerprint(prompt: string, response: string): number {
  let h = 0;
  let tokens = 0;
  for (let part = 0; part < 2; part++) {
    const text = part === 0 ? prompt : response;
    if (part === 1) h = Math.imul(h ^ 0x7c, 0x01000193);
    let lastNonSpace = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) {
        // One number: digits, with `.` or `,` between digits ("3.5", "1,000").
        let j = i;
        while (j < text.length) {
          const d = text.charCodeAt(j);
          if (isDigit(d) || ((d === 46 || d === 44) && j > i && j + 1 < text.length && isDigit(text.charCodeAt(j + 1)))) {
            h = Math.imul(h ^ d, 0x01000193);
            j++;
          } else break;
        }
        h = Math.imul(h ^ 0x23, 0x01000193); // end of number
        tokens++;
        lastNonSpace = text.charCodeAt(j - 1);
        i = j - 1;
        continue;
      }
      if (isOperator(c)) {
        let next = 0;
        for (let j = i + 1; j < text.length; j++) {
          const d = text.charCodeAt(j);
          if (!isSpace(d)) {
            next = d;
            break;
          }
        }
        if (isDigit(lastNonSpace) || isDigit(next) || lastNonSpace === 41 || next === 40) {
          h = Math.imul(h ^ (c | 0x10000), 0x01000193);
          tokens++;
        }
      }
      if (!isSpace(c)) lastNonSpace = c;
    }
  }
  return tokens ? fmix32(h) || 1 : 0;
}
