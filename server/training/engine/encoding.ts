// Turns {prompt, response} pairs into token rows with a loss mask, and rows into padded batches.
//
// A row is  prompt SEP response END.  The model is taught only its own tokens: the response and END, minus the spans the
// runtime writes into a transcript (tool results and errors, from runtimeSpans), and never the prompt.

import type { Tokenizer } from './tokenizer';
import { END, PAD, SEP } from './vocab';

export type Example = { prompt: string; response: string };

export type EncodedRow = {
  /** prompt SEP response END (possibly truncated to fit the context). */
  tokens: Int32Array;
  /** learn[i] = 1 when tokens[i + 1] is a target the loss covers (length tokens.length - 1). */
  learn: Uint8Array;
};

/**
 * Encodes one example for a model whose context holds `context` input tokens (a row has at most context + 1 tokens).
 * Too long: the prompt loses its beginning first (its end is what the response follows), then the response its end.
 */
export function encodeExample(tokenizer: Tokenizer, ex: Example, context: number): EncodedRow {
  const reader = tokenizer.row();
  let prompt = reader.prompt(ex.prompt);
  let { ids: response, written } = reader.response(ex.response);
  let withEnd = true;
  const max = context + 1;
  const need = prompt.length + 1 + response.length + 1;
  if (need > max) {
    const keepPrompt = Math.max(0, Math.min(prompt.length, max - 2 - response.length));
    prompt = prompt.slice(prompt.length - keepPrompt);
    const room = max - prompt.length - 1;
    if (response.length + 1 > room) {
      response = response.slice(0, room);
      written = written.slice(0, room);
      withEnd = false;
    }
  }
  const tokens = Int32Array.from([...prompt, SEP, ...response, ...(withEnd ? [END] : [])]);
  const learn = new Uint8Array(tokens.length - 1);
  const firstResponse = prompt.length + 1; // index in tokens of the first response token
  for (let t = firstResponse; t < tokens.length; t++) {
    const r = t - firstResponse;
    learn[t - 1] = r < response.length ? (written[r] ? 1 : 0) : 1; // END is always learned
  }
  return { tokens, learn };
}

export type Batch = {
  rows: number;
  /** time steps (longest row in the batch, minus one). */
  steps: number;
  inputs: Int32Array; // rows × steps
  targets: Int32Array; // rows × steps
  weights: Float32Array; // rows × steps: 1 where the loss counts
  /** number of learned targets (sum of weights). */
  learned: number;
  /** number of real (non-padding) input tokens: the throughput figure counts these. */
  tokens: number;
};

/** Pads the chosen rows to the longest of them (padding is never a target). */
export function makeBatch(rows: readonly EncodedRow[], pick: ArrayLike<number>): Batch {
  let steps = 1;
  for (let i = 0; i < pick.length; i++) steps = Math.max(steps, rows[pick[i]!]!.tokens.length - 1);
  const n = pick.length;
  const inputs = new Int32Array(n * steps).fill(PAD);
  const targets = new Int32Array(n * steps).fill(PAD);
  const weights = new Float32Array(n * steps);
  let learned = 0;
  let tokens = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[pick[i]!]!;
    const len = row.tokens.length - 1;
    inputs.set(row.tokens.subarray(0, len), i * steps);
    targets.set(row.tokens.subarray(1), i * steps);
    for (let t = 0; t < len; t++) {
      const w = row.learn[t]!;
      weights[i * steps + t] = w;
      learned += w;
    }
    tokens += len;
  }
  return { rows: n, steps, inputs, targets, weights, learned, tokens };
}
