// Text ↔ tokens for one model: its vocabulary plus how it reads a row. A row is read in order (prompt, then the
// response with its tool results) through a TokenRow that keeps the row's number table (numbers.ts), so references
// mean the same thing in training, in the agent loop and when a transcript is re-read as a response prefix.
//
// The reading is stored in the checkpoint with the model. The default: number literals become <num_k>; the prompt is
// normalised (lower case, one kind of dash, single spaces), because the model never writes it and "What is", "what
// is" and "WHAT IS" ask the same; and the prompt is read word by word (words.ts), while responses stay characters,
// tags and references (what the model writes). Characters only is the reading of models saved before
// (checkpoint format 1).

import { runtimeSpans } from '@/common/agent-protocol';
import type { Example } from './encoding';
import { NumberTable, numberAt } from './numbers';
import { refPiece, tagsIn, UNK, Vocab, WORD_MARK, wordPiece } from './vocab';
import { stem, wordAt } from './words';

export type TokenizerSpec = {
  /** reference tokens for number literals; 0 = numbers are read digit by digit. */
  numberRefs: number;
  /** lower-case the prompt and unify dashes, quotes and white space before reading it. */
  normalizePrompt: boolean;
  /** read the prompt as stemmed words (one token each) and symbols, rather than character by character. */
  promptWords: boolean;
};

/** The reading of models trained before number references (checkpoint format 1). */
export const CHARACTER_TOKENIZER: TokenizerSpec = { numberRefs: 0, normalizePrompt: false, promptWords: false };

/** Eight references: two operands, a result and room for a few more numbers in a question. */
export const DEFAULT_TOKENIZER: TokenizerSpec = { numberRefs: 8, normalizePrompt: true, promptWords: true };

/**
 * What a user's text means to the model, independent of how it was typed: compatibility forms folded (full-width
 * digits, ligatures), lower case, every dash and minus sign as "-", curly quotes straight, runs of white space as one.
 */
export function normalizePrompt(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, '-')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

type Mode = 'read' | 'write';

export class Tokenizer {
  constructor(
    readonly vocab: Vocab,
    readonly spec: TokenizerSpec,
  ) {}

  /** A tokenizer whose vocabulary holds what the examples need: their characters (outside numbers), tags and references. */
  static fromExamples(examples: readonly Example[], spec: TokenizerSpec): Tokenizer {
    const texts = examples.flatMap((e) => [e.prompt, e.response]);
    const tags = tagsIn(texts);
    // Scan with a vocabulary of tags alone: a scan only needs to know where tags and numbers are.
    const scanner = new Tokenizer(new Vocab([...tags, ...refPieces(spec.numberRefs)]), spec);
    const chars = new Set<string>();
    const words = new Set<string>();
    const add = (piece: string) => (piece.length > 1 && piece.startsWith(WORD_MARK) ? words : chars).add(piece);
    for (const e of examples) {
      const row = scanner.row();
      row.scanPrompt(e.prompt, add);
      row.scanResponse(e.response, add);
    }
    // With references, digits reach the model only as fallbacks (a number it writes but never read, a row with more
    // numbers than references): keep them in the vocabulary so such text still decodes to itself.
    if (spec.numberRefs > 0) for (const c of '0123456789.,') chars.add(c);
    return new Tokenizer(new Vocab([...[...chars].sort(), ...[...words].sort(), ...tags, ...refPieces(spec.numberRefs)]), spec);
  }

  /** A fresh row (an empty number table). */
  row(): TokenRow {
    return new TokenRow(this);
  }
}

function refPieces(n: number): string[] {
  return Array.from({ length: n }, (_, k) => refPiece(k));
}

/** One row's reading state. Read its parts in order: prompt, then response text as it grows. */
export class TokenRow {
  private readonly numbers: NumberTable;

  constructor(private readonly tokenizer: Tokenizer) {
    this.numbers = new NumberTable(Math.min(tokenizer.spec.numberRefs, tokenizer.vocab.refCount));
  }

  /** Tokens of the prompt. */
  prompt(text: string): number[] {
    const ids: number[] = [];
    this.scanPrompt(text, (_, id) => ids.push(id));
    return ids;
  }

  /** Tokens of response text, and for each whether the model writes it (false inside a tool result or error). */
  response(text: string): { ids: number[]; written: boolean[] } {
    const ids: number[] = [];
    const written: boolean[] = [];
    this.scanResponse(text, (_, id, w) => {
      ids.push(id);
      written.push(w);
    });
    return { ids, written };
  }

  /** Tokens of text the runtime adds to the row (a tool's result or error). */
  runtime(text: string): number[] {
    const ids: number[] = [];
    this.scan(text, 'read', (_, id) => ids.push(id));
    return ids;
  }

  /** The text a token stands for in this row: a reference decodes to its number; special tokens to nothing. */
  text(id: number): string {
    const vocab = this.tokenizer.vocab;
    const ref = vocab.refOf(id);
    if (ref >= 0) return this.numbers.value(ref) ?? '';
    if (vocab.isWord(id)) return ' ' + vocab.tokenText(id).slice(WORD_MARK.length);
    return vocab.tokenText(id);
  }

  /** Whether the model may write this token now: a reference only to a number the row has read. */
  allowed(id: number): boolean {
    const ref = this.tokenizer.vocab.refOf(id);
    return ref < 0 || ref < this.numbers.size;
  }

  /** @internal pieces and ids of a prompt. */
  scanPrompt(text: string, emit: (piece: string, id: number) => void): void {
    const spec = this.tokenizer.spec;
    this.scan(spec.normalizePrompt ? normalizePrompt(text) : text, 'read', emit, spec.promptWords);
  }

  /** @internal pieces and ids of a response: tool results and errors are read, the rest is what the model wrote. */
  scanResponse(text: string, emit: (piece: string, id: number, written: boolean) => void): void {
    let at = 0;
    for (const [start, end] of [...runtimeSpans(text), [text.length, text.length] as [number, number]]) {
      if (start > at) this.scan(text.slice(at, start), 'write', (p, id) => emit(p, id, true));
      if (end > start) this.scan(text.slice(start, end), 'read', (p, id) => emit(p, id, false));
      at = Math.max(at, end);
    }
  }

  private scan(text: string, mode: Mode, emit: (piece: string, id: number) => void, words = false): void {
    const vocab = this.tokenizer.vocab;
    const withNumbers = this.numbers.capacity > 0;
    let at = 0;
    while (at < text.length) {
      if (words) {
        // Word by word: white space only separates ("7 x 8" and "7x8" read the same); a word is one stemmed token.
        const code = text.charCodeAt(at);
        if (code === 32 || code === 9 || code === 10 || code === 13) {
          at++;
          continue;
        }
        const word = wordAt(text, at);
        if (word) {
          const piece = wordPiece(stem(word));
          emit(piece, vocab.id(piece) ?? UNK);
          at += word.length;
          continue;
        }
      }
      const tag = vocab.tagAt(text, at);
      if (tag) {
        emit(tag, vocab.id(tag)!);
        at += tag.length;
        continue;
      }
      const code = text.charCodeAt(at);
      if (withNumbers && code >= 48 && code <= 57) {
        const literal = numberAt(text, at)!;
        const ref = mode === 'read' ? this.numbers.read(literal) : this.numbers.lookup(literal);
        if (ref !== null) {
          emit(refPiece(ref), vocab.refId(ref)!);
          at += literal.length;
          continue;
        }
        // Not a reference: the literal is read digit by digit, as a character-level model reads any text.
        for (const c of literal) emit(c, vocab.id(c) ?? UNK);
        at += literal.length;
        continue;
      }
      const ch = String.fromCodePoint(text.codePointAt(at)!);
      emit(ch, vocab.id(ch) ?? UNK);
      at += ch.length;
    }
  }
}
