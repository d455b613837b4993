// Seeded interactions shaped like a team's real logs, for the cleaning-at-scale tests and bench: 50–400 characters,
// 5% with an e-mail or phone number, 20% exact copies (re-logs, some re-cased or re-spaced), 10% near copies (a word
// changed or added), 3% junk. Words come from a large made-up vocabulary, so unrelated turns share few shingles.
import { seededRng, type Rng } from '@/common/rng';

export type SyntheticEvent = { id: string; prompt: string; response: string };

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Made-up words of random letters. Words built from a few syllables shared too many character trigrams (the
 * shingles): unrelated turns then measured 0.5 similar and every bucket filled up, unlike real text.
 */
function vocabulary(r: Rng, n: number): string[] {
  const words = new Set<string>();
  while (words.size < n) {
    let w = '';
    for (let i = r.int(2, 9); i > 0; i--) w += LETTERS[r.int(0, 25)];
    words.add(w);
  }
  return [...words];
}

const sentence = (r: Rng, words: string[], chars: number) => {
  let s = '';
  while (s.length < chars) s += (s ? ' ' : '') + r.pick(words);
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
};

const pii = (r: Rng) =>
  r.next() < 0.5
    ? ` Reach me at ${r.pick(['anna', 'li', 'omar', 'jo'])}.${r.digits(3)}@example.com.`
    : ` Call me on +44 20 7946 ${r.digits(4)}.`;

const JUNK = [
  () => ['', ''],
  () => ['a'.repeat(60), 'b'.repeat(40)],
  () => ['<div><span></span><br/><br/></div>', '<p></p><p></p><b></b>'],
  () => ['help help help help help help help', 'ok ok ok ok ok ok ok ok'],
];

/** Copies are of one of the last WINDOW events (re-logs come soon after the original), so a stream stays bounded. */
const WINDOW = 50_000;

/**
 * `n` events in arrival order, ids `<idPrefix><n>` (zero-padded, so id order is arrival order), generated one at a
 * time: a million of them never sit in memory together.
 */
export function* syntheticEventStream(n: number, seed = 1, idPrefix = `evt_s${seed}_`): Generator<SyntheticEvent> {
  const r = seededRng(seed);
  const words = vocabulary(r, 4000);
  const recent: SyntheticEvent[] = [];
  const id = (i: number) => `${idPrefix}${String(i).padStart(8, '0')}`;
  const earlier = () => recent[r.int(0, recent.length - 1)]!;
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    let e: SyntheticEvent;
    if (recent.length > 10 && roll < 0.2) {
      // A re-log of an earlier event: sometimes re-cased or with white space changed, still the same text.
      const o = earlier();
      const variant = r.next();
      const prompt = variant < 0.2 ? o.prompt.toUpperCase() : variant < 0.4 ? `  ${o.prompt.replace(/ /g, '  ')} ` : o.prompt;
      e = { id: id(i), prompt, response: o.response };
    } else if (recent.length > 10 && roll < 0.3) {
      // A reworded copy: one word changed or added in a long enough text stays above the 0.8 threshold.
      const o = earlier();
      const parts = o.response.split(' ');
      const at = r.int(0, parts.length - 1);
      if (r.next() < 0.5) parts[at] = r.pick(words);
      else parts.splice(at, 0, r.pick(words));
      e = { id: id(i), prompt: o.prompt, response: parts.join(' ') };
    } else if (roll < 0.33) {
      const [prompt, response] = r.pick(JUNK)();
      e = { id: id(i), prompt: prompt!, response: response! };
    } else {
      const total = r.int(50, 400);
      const promptChars = Math.max(12, Math.floor(total * (0.2 + r.next() * 0.3)));
      let prompt = sentence(r, words, promptChars - 1);
      let response = sentence(r, words, Math.max(12, total - prompt.length - 1));
      if (r.next() < 0.05) {
        if (r.next() < 0.5) prompt += pii(r);
        else response += pii(r);
      }
      e = { id: id(i), prompt, response };
    }
    if (recent.length < WINDOW) recent.push(e);
    else recent[i % WINDOW] = e;
    yield e;
  }
}

export const syntheticEvents = (n: number, seed = 1, idPrefix?: string): SyntheticEvent[] => [...syntheticEventStream(n, seed, idPrefix)];
