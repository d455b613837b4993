// The vocabulary: the characters seen in the training data, the agent protocol's tags as single tokens, and four
// special tokens. Tags as tokens cut a math transcript from ~84 tokens to ~31: attention cost falls with the square
// of that, and the model learns one token where it would learn a whole tag.

import { ANSWER_CLOSE, ANSWER_OPEN, CALL_CLOSE, ERROR_CLOSE, ERROR_OPEN, RESULT_CLOSE, RESULT_OPEN } from '@/common/agent-protocol';

export const PAD = 0; // fills short rows of a batch; never a target
export const SEP = 1; // ends the prompt: the model starts its response after it
export const END = 2; // ends the response: the model learns to emit it, generation stops on it
export const UNK = 3; // any character not seen in training
const SPECIALS = 4;

const FIXED_TAGS = [CALL_CLOSE, RESULT_OPEN, RESULT_CLOSE, ERROR_OPEN, ERROR_CLOSE, ANSWER_OPEN, ANSWER_CLOSE];
const CALL_TAGS = /<call:[a-z_][a-z0-9_]*>/g;

export class Vocab {
  private readonly index: Map<string, number>;
  /** multi-character pieces, longest first (greedy matching). */
  private readonly tags: string[];

  /** `pieces` are the ordinary tokens (characters and tags); token id = SPECIALS + position. */
  constructor(readonly pieces: readonly string[]) {
    this.index = new Map(pieces.map((c, i) => [c, i + SPECIALS]));
    this.tags = pieces.filter((p) => [...p].length > 1).sort((a, b) => b.length - a.length);
  }

  /** Characters and protocol tags of the given texts, sorted so the same data gives the same ids. */
  static fromTexts(texts: Iterable<string>): Vocab {
    const chars = new Set<string>();
    const tags = new Set<string>();
    for (const t of texts) {
      for (const c of t) chars.add(c);
      for (const tag of FIXED_TAGS) if (t.includes(tag)) tags.add(tag);
      for (const m of t.matchAll(CALL_TAGS)) tags.add(m[0]);
    }
    return new Vocab([...[...chars].sort(), ...[...tags].sort()]);
  }

  get size(): number {
    return this.pieces.length + SPECIALS;
  }

  encode(text: string): number[] {
    return this.encodeWithOffsets(text).ids;
  }

  /** Token ids with the UTF-16 offset in `text` where each token starts. */
  encodeWithOffsets(text: string): { ids: number[]; starts: number[] } {
    const ids: number[] = [];
    const starts: number[] = [];
    let at = 0;
    while (at < text.length) {
      starts.push(at);
      const tag = text.charCodeAt(at) === 60 /* < */ ? this.tags.find((t) => text.startsWith(t, at)) : undefined;
      if (tag) {
        ids.push(this.index.get(tag)!);
        at += tag.length;
        continue;
      }
      const ch = String.fromCodePoint(text.codePointAt(at)!);
      ids.push(this.index.get(ch) ?? UNK);
      at += ch.length;
    }
    return { ids, starts };
  }

  /** Text of ordinary tokens; special tokens are dropped (UNK shows as U+FFFD). */
  decode(ids: Iterable<number>): string {
    let s = '';
    for (const id of ids) s += this.tokenText(id);
    return s;
  }

  tokenText(id: number): string {
    if (id === UNK) return '\uFFFD';
    return id >= SPECIALS ? (this.pieces[id - SPECIALS] ?? '') : '';
  }
}
