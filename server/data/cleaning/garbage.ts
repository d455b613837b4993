// Junk filters, each with a named reason. One pass over each side gathers what every rule needs (lengths, letter
// counts, runs, control characters, mojibake), so a normal chat turn is judged without a regex or an allocation.
import type { CleanConfig } from './config';

export const GARBAGE_REASONS = [
  'empty',
  'too_long',
  'control_chars',
  'mojibake',
  'markup_soup',
  'repeated_chars',
  'repeated_words',
  'no_letters',
  'too_short',
] as const;
export type GarbageReason = (typeof GARBAGE_REASONS)[number];
export type Side = 'prompt' | 'response';
export type GarbageVerdict = { reason: GarbageReason; side: Side | 'both'; detail: string };

type Scan = {
  length: number;
  nonSpace: number;
  letters: number;
  digits: number;
  operators: number;
  maxRun: number;
  dominant: number;
  controls: number;
  mojibake: number;
  hasTag: boolean;
};

/** Lead characters of UTF-8 read as Latin-1/cp1252: "Ã©" was "é", "â€™" was "’", "Ð¿" was "п". */
const MOJIBAKE_LEADS = new Set([0xc2, 0xc3, 0xc5, 0xd0, 0xd1, 0xd8, 0xd9, 0xe2, 0xef, 0xf0]);
/** Second bytes 0x80..0xBF as Latin-1 shows them, plus cp1252's characters for 0x80..0x9F. */
const CP1252_HIGH = new Set([
  0x20ac, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x17d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x17e, 0x178,
]);
const isContinuation = (c: number) => (c >= 0x80 && c <= 0xbf) || CP1252_HIGH.has(c);

/** Separator runs (`-----`, `=====`, `*****`, `.....`) are formatting, not junk. */
const isSeparator = (c: number) => c === 45 || c === 61 || c === 95 || c === 42 || c === 35 || c === 126 || c === 46;

function scan(text: string): Scan {
  let nonSpace = 0,
    letters = 0,
    digits = 0,
    operators = 0,
    controls = 0,
    mojibake = 0;
  let run = 0,
    maxRun = 0,
    prev = -1;
  // Boyer–Moore majority vote: a character above half the text is found in one pass without counting every character.
  let candidate = -1,
    votes = 0;
  let hasTag = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      prev = -1;
      continue;
    }
    nonSpace++;
    if (votes === 0) {
      candidate = c;
      votes = 1;
    } else votes += c === candidate ? 1 : -1;
    if (c === prev && !isSeparator(c)) {
      if (++run > maxRun) maxRun = run;
    } else run = 1;
    prev = c;
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
      else if (c >= 48 && c <= 57) digits++;
      else if (c < 32 || c === 127) controls++;
      else if (c === 60) hasTag = true;
      else if (c === 43 || c === 45 || c === 42 || c === 47 || c === 61 || c === 94 || c === 37) operators++;
      continue;
    }
    if (c <= 0x9f) controls++;
    else if (c === 0xfffd) mojibake++;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate is invalid UTF-16 (a broken decode); a proper pair is one character (an emoji, say).
      const pair = c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) i++;
      else mojibake++;
    } else {
      if (MOJIBAKE_LEADS.has(c) && i + 1 < text.length && isContinuation(text.charCodeAt(i + 1))) mojibake++;
      // Letters of other scripts: anything above Latin-1 punctuation that is not general punctuation or a symbol block.
      if (c >= 0xc0 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f)) letters++;
    }
  }
  if (maxRun === 0 && nonSpace > 0) maxRun = 1;
  let dominant = 0;
  if (nonSpace >= 12) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === candidate) dominant++;
  return { length: text.length, nonSpace, letters, digits, operators, maxRun, dominant, controls, mojibake, hasTag };
}

/** Tags and entities of HTML/XML; the agent protocol's own tags (tool calls, results, answers) are content, not markup. */
const MARKUP = /<\/?([A-Za-z][\w:-]*)[^<>]*>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});/g;
const PROTOCOL_TAG = /^(?:call:[a-z_][a-z0-9_]*|call|result|answer|error)$/;

function markupShare(text: string): { share: number; tags: number } {
  let inside = 0,
    tags = 0;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(text); m; m = MARKUP.exec(text)) {
    if (m[1] && PROTOCOL_TAG.test(m[1])) continue;
    inside += m[0].length;
    tags++;
  }
  return { share: inside / Math.max(1, text.trim().length), tags };
}

/** Word hashes of the text being checked, and an open-addressing set of them stamped per call (no allocation per text). */
const WORD_SLOTS = 1024;
const slotHash = new Int32Array(WORD_SLOTS);
const slotStamp = new Int32Array(WORD_SLOTS);
let stamp = 0;

const isWordBreak = (c: number) =>
  c === 32 || c === 10 || c === 13 || c === 9 || c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58;

/** "help help help …" or a few words said over and over: the run of one word, then the share of distinct words. */
function repeatedWords(text: string, c: CleanConfig): string | null {
  if (++stamp === 0x7fffffff) {
    stamp = 1;
    slotStamp.fill(0);
  }
  let words = 0,
    distinct = 0,
    run = 0,
    prev = 0,
    h = 0,
    inWord = false,
    overflow = false,
    start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 32;
    if (!isWordBreak(ch)) {
      if (!inWord) {
        h = 0x811c9dc5;
        inWord = true;
        start = i;
      }
      h = Math.imul(h ^ (ch >= 65 && ch <= 90 ? ch + 32 : ch), 0x01000193);
      continue;
    }
    if (!inWord) continue;
    inWord = false;
    words++;
    run = words > 1 && h === prev ? run + 1 : 1;
    prev = h;
    if (run >= c.repeatedWordRun) return `"${text.slice(start, i).toLowerCase()}" ${run}× in a row`;
    if (overflow) continue;
    // Count distinct words (by hash) in the stamped set; past half its size, distinctness is plainly high.
    let slot = h & (WORD_SLOTS - 1);
    while (slotStamp[slot] === stamp && slotHash[slot] !== h) slot = (slot + 1) & (WORD_SLOTS - 1);
    if (slotStamp[slot] !== stamp) {
      slotStamp[slot] = stamp;
      slotHash[slot] = h;
      if (++distinct > WORD_SLOTS / 2) overflow = true;
    }
  }
  if (!overflow && words >= 10 && distinct / words <= c.distinctWordShare) return `${distinct} distinct words in ${words}`;
  return null;
}

/** White space only (the same characters `trim` removes that chat text contains), without making a trimmed copy. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(
      c === 32 ||
      c === 10 ||
      c === 13 ||
      c === 9 ||
      c === 11 ||
      c === 12 ||
      c === 0xa0 ||
      c === 0xfeff ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x3000 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x1680 ||
      c === 0x202f ||
      c === 0x205f
    ))
      return false;
  }
  return true;
}

/** The rules judged on one side alone, in order. */
function sideVerdict(side: Side, text: string, s: Scan, c: CleanConfig): GarbageVerdict | null {
  if (s.controls > 0) return { reason: 'control_chars', side, detail: `${s.controls} control character${s.controls > 1 ? 's' : ''}` };
  if (s.mojibake > c.maxMojibake)
    return { reason: 'mojibake', side, detail: `${s.mojibake} mis-decoded sequence${s.mojibake > 1 ? 's' : ''}` };
  if (s.hasTag) {
    const m = markupShare(text);
    if (m.tags >= 2 && m.share >= c.markupShare)
      return { reason: 'markup_soup', side, detail: `${Math.round(m.share * 100)}% markup in ${m.tags} tags` };
  }
  if (s.maxRun >= c.maxCharRun) return { reason: 'repeated_chars', side, detail: `a run of ${s.maxRun} identical characters` };
  if (s.nonSpace >= 12 && s.dominant / s.nonSpace >= c.dominantCharShare)
    return { reason: 'repeated_chars', side, detail: `one character is ${Math.round((s.dominant / s.nonSpace) * 100)}% of the text` };
  if (s.nonSpace >= 2 * c.repeatedWordRun && text.length >= 20) {
    const detail = repeatedWords(text, c);
    if (detail) return { reason: 'repeated_words', side, detail };
  }
  return null;
}

/** The first rule an interaction breaks, in the order of how sure and how specific each rule is; null when none. */
export function checkGarbage(prompt: string, response: string, c: CleanConfig): GarbageVerdict | null {
  // Sides are unrolled (no array of pairs): this runs for every event and must not allocate on a clean turn.
  if (isBlank(prompt)) return { reason: 'empty', side: 'prompt', detail: 'prompt is empty' };
  if (isBlank(response)) return { reason: 'empty', side: 'response', detail: 'response is empty' };
  if (prompt.length > c.maxChars)
    return { reason: 'too_long', side: 'prompt', detail: `${prompt.length} characters (limit ${c.maxChars})` };
  if (response.length > c.maxChars)
    return { reason: 'too_long', side: 'response', detail: `${response.length} characters (limit ${c.maxChars})` };
  const p = scan(prompt);
  const r = scan(response);
  const verdict = sideVerdict('prompt', prompt, p, c) ?? sideVerdict('response', response, r, c);
  if (verdict) return verdict;
  if (p.letters + p.digits + r.letters + r.digits === 0)
    return { reason: 'no_letters', side: 'both', detail: 'no letters or digits at all' };
  // Operators count when there are digits: "2+2" / "4" is a complete arithmetic exchange, "ok" / "k" is not.
  const digits = p.digits + r.digits;
  const meaningful = p.letters + r.letters + digits + (digits ? p.operators + r.operators : 0);
  if (meaningful < c.minChars)
    return { reason: 'too_short', side: 'both', detail: `${meaningful} letters, digits and operators (minimum ${c.minChars})` };
  return null;
}
