// The vocabulary: the characters seen in the training data, the agent protocol's tags as single tokens, the number
// reference tokens (numbers.ts) and four special tokens. Tags as tokens cut a math transcript from ~84 tokens to ~31:
// attention cost falls with the square of that, and the model learns one token where it would learn a whole tag.

import { ANSWER_CLOSE, ANSWER_OPEN, CALL_CLOSE, ERROR_CLOSE, ERROR_OPEN, RESULT_CLOSE, RESULT_OPEN } from '@/common/agent-protocol';

export const PAD = 0; // fills short rows of a batch; never a target
export const SEP = 1; // ends the prompt: the model starts its response after it
export const END = 2; // ends the response: the model learns to emit it, generation stops on it
export const UNK = 3; // any character not seen in training
const SPECIALS = 4;

const FIXED_TAGS = [CALL_CLOSE, RESULT_OPEN, RESULT_CLOSE, ERROR_OPEN, ERROR_CLOSE, ANSWER_OPEN, ANSWER_CLOSE];
const CALL_TAGS = /<call:[a-z_][a-z0-9_]*>/g;

/** The piece of number reference k. Never matched in text: only the tokenizer's number table emits it. */
export const refPiece = (k: number) => `<num_${k}>`;
const REF_PIECE = /^<num_(\d+)>$/;

/** The piece of a prompt word (words.ts), marked so it never collides with a character or tag. */
export const WORD_MARK = '\u2581';
export const wordPiece = (stem: string) => WORD_MARK + stem;

/** The protocol tags present in the given texts, sorted. */
export function tagsIn(texts: Iterable<string>): string[] {
  const tags = new Set<string>();
  for (const t of texts) {
    for (const tag of FIXED_TAGS) if (t.includes(tag)) tags.add(tag);
    for (const m of t.matchAll(CALL_TAGS)) tags.add(m[0]);
  }
  return [...tags].sort();
}

export class Vocab {
  private readonly index: Map<string, number>;
  /** protocol tags, longest first (greedy matching). */
  private readonly tags: string[];
  /** token id of number reference k, by k. */
  private readonly refs: number[] = [];
  /** reference index by token id (-1: not a reference). */
  private readonly refIndex: Int32Array;
  /** 1 for the ids of word pieces. */
  private readonly words: Uint8Array;

  /** `pieces` are the ordinary tokens (characters, tags, number references); token id = SPECIALS + position. */
  constructor(readonly pieces: readonly string[]) {
    this.index = new Map(pieces.map((c, i) => [c, i + SPECIALS]));
    this.tags = pieces.filter((p) => p.startsWith('<') && p.length > 1 && !REF_PIECE.test(p)).sort((a, b) => b.length - a.length);
    this.refIndex = new Int32Array(pieces.length + SPECIALS).fill(-1);
    this.words = new Uint8Array(pieces.length + SPECIALS);
    pieces.forEach((p, i) => {
      if (p.length > 1 && p.startsWith(WORD_MARK)) this.words[i + SPECIALS] = 1;
      const m = REF_PIECE.exec(p);
      if (!m) return;
      this.refs[Number(m[1])] = i + SPECIALS;
      this.refIndex[i + SPECIALS] = Number(m[1]);
    });
  }

  /** Characters and protocol tags of the given texts, sorted so the same data gives the same ids. */
  static fromTexts(texts: Iterable<string>): Vocab {
    const list = [...texts];
    const chars = new Set<string>();
    for (const t of list) for (const c of t) chars.add(c);
    return new Vocab([...[...chars].sort(), ...tagsIn(list)]);
  }

  /** Id of an ordinary piece, if the vocabulary has it. */
  id(piece: string): number | undefined {
    return this.index.get(piece);
  }

  /** The protocol tag starting at `at` in `text`, if any. */
  tagAt(text: string, at: number): string | undefined {
    return text.charCodeAt(at) === 60 /* < */ ? this.tags.find((t) => text.startsWith(t, at)) : undefined;
  }

  /** Number references this vocabulary has (0 for a character-only one). */
  get refCount(): number {
    return this.refs.length;
  }

  /** Token id of number reference k (undefined beyond refCount). */
  refId(k: number): number | undefined {
    return this.refs[k];
  }

  /** Whether a token id is a prompt word. */
  isWord(id: number): boolean {
    return this.words[id] === 1;
  }

  /** The reference index of a token id, or -1 when it is not a number reference. */
  refOf(id: number): number {
    return this.refIndex[id] ?? -1;
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
      const tag = this.tagAt(text, at);
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
