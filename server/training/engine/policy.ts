// A trained model ready to write text: greedy decoding with a KV cache, many rows at once in lockstep.
// Each row is driven by a RowDriver that supplies its prompt and may insert tokens after any model-written token
// (that is how the agent loop appends tool results mid-generation). A row reads and decodes through its own TokenRow
// (tokenizer.ts), so the number references it writes come back as the numbers it read.

import { tf } from './backend';
import { Decoder } from './decoder';
import { paramSpecs, toTensors, type ModelConfig, type Params, type Weights } from './model';
import type { TokenRow, Tokenizer } from './tokenizer';
import { END, PAD, SEP, type Vocab } from './vocab';

export type FinishReason = 'end' | 'stop' | 'length';

export interface RowDriver {
  /** tokens fed before the model writes: prompt, SEP, any response prefix. */
  initial: number[];
  /** most tokens the model itself may write in this row. */
  maxTokens: number;
  /** a token the model wrote (never END): return tokens to insert after it, 'stop' to end the row, or nothing. */
  onToken(id: number): Promise<number[] | 'stop' | void> | number[] | 'stop' | void;
  /** called once when the row ends. */
  onFinish(reason: FinishReason): void;
  /** whether the model may write this token now (default: any); greedy decoding takes the best allowed one. */
  allowed?(id: number): boolean;
}

export type GenerateOptions = {
  /** most tokens to write, a protocol tag counting as one (default: until END or the context is full). */
  maxTokens?: number;
  /** stop as soon as the text ends with one of these (the text returned includes it). */
  stop?: string[];
  /** response text already written (the model continues it). */
  responsePrefix?: string;
};

export class ModelPolicy {
  private weights: Weights | null = null;
  readonly evalBatchSize: number;

  constructor(
    readonly config: ModelConfig,
    readonly tokenizer: Tokenizer,
    private readonly params: Params,
    opts: { evalBatchSize?: number } = {},
  ) {
    this.evalBatchSize = opts.evalBatchSize ?? 64;
    for (const s of paramSpecs(config)) if (!params.has(s.name)) throw new Error(`model is missing parameter ${s.name}`);
  }

  get vocab(): Vocab {
    return this.tokenizer.vocab;
  }

  /**
   * A row for `prompt`: its reading state, and the tokens fed before the model writes (prompt, SEP, the response
   * prefix read as a transcript: tool results are inputs, the rest is what the model wrote).
   */
  startRow(prompt: string, responsePrefix = ''): { row: TokenRow; initial: number[] } {
    const row = this.tokenizer.row();
    return { row, initial: [...row.prompt(prompt), SEP, ...row.response(responsePrefix).ids] };
  }

  /** Tokens fed before the model writes its response (decode what it writes through startRow's row instead). */
  promptTokens(prompt: string, responsePrefix = ''): number[] {
    return this.startRow(prompt, responsePrefix).initial;
  }

  /** Greedy continuation of the response to `prompt`. */
  async generate(prompt: string, opts: GenerateOptions = {}): Promise<{ text: string; reason: FinishReason }> {
    const [out] = await this.generateMany([prompt], opts);
    return out!;
  }

  /** Greedy continuations of many prompts, batched. */
  async generateMany(prompts: string[], opts: GenerateOptions = {}): Promise<{ text: string; reason: FinishReason }[]> {
    const stop = opts.stop ?? [];
    const results = prompts.map(() => ({ text: '', reason: 'length' as FinishReason }));
    await this.run(
      prompts.map((prompt, i) => {
        const { row, initial } = this.startRow(prompt, opts.responsePrefix);
        return {
          initial,
          maxTokens: opts.maxTokens ?? this.config.context,
          onToken: (id: number) => {
            const r = results[i]!;
            r.text += row.text(id);
            return stop.some((s) => r.text.endsWith(s)) ? 'stop' : undefined;
          },
          onFinish: (reason: FinishReason) => void (results[i]!.reason = reason),
          allowed: (id: number) => row.allowed(id),
        };
      }),
    );
    return results;
  }

  /** Runs rows in batches of at most evalBatchSize (bigger batches would grow wasm memory for good). */
  async run(drivers: RowDriver[]): Promise<void> {
    for (let from = 0; from < drivers.length; from += this.evalBatchSize) {
      await this.runBatch(drivers.slice(from, from + this.evalBatchSize));
      await new Promise((r) => setImmediate(r)); // let the worker's other work (heartbeats, requests) run
    }
  }

  dispose(): void {
    if (this.weights) tf.dispose(Object.values(this.weights));
    this.weights = null;
  }

  private async runBatch(drivers: RowDriver[]): Promise<void> {
    const context = this.config.context;
    const V = this.config.vocabSize;
    this.weights ??= toTensors(this.config, this.params);
    // Prompts longer than the context keep their end, as in training.
    const initial = drivers.map((d) => (d.initial.length > context ? d.initial.slice(d.initial.length - context) : d.initial));
    const prefill = Math.max(1, Math.min(...initial.map((t) => t.length)));
    const pending = initial.map((t) => t.slice(prefill));
    const written = drivers.map(() => 0);
    let active = drivers.map((_, i) => i); // decoder row j holds driver active[j]
    const decoder = new Decoder(this.config, this.weights, drivers.length);
    try {
      const first = new Int32Array(drivers.length * prefill);
      initial.forEach((t, i) => first.set(t.slice(0, prefill), i * prefill));
      let logits = decoder.feed(first, prefill);
      for (;;) {
        const next: number[] = [];
        const still: number[] = [];
        const keep: number[] = [];
        for (let j = 0; j < active.length; j++) {
          const i = active[j]!;
          const d = drivers[i]!;
          let token: number;
          if (pending[i]!.length > 0) token = pending[i]!.shift()!;
          else {
            if (written[i]! >= d.maxTokens) {
              d.onFinish('length');
              continue;
            }
            token = argmax(logits, j * V, V, d.allowed);
            if (token === END || token === PAD || token === SEP) {
              d.onFinish('end');
              continue;
            }
            written[i]!++;
            const reply = await d.onToken(token);
            if (reply === 'stop') {
              d.onFinish('stop');
              continue;
            }
            if (reply) pending[i]!.push(...reply);
          }
          if (decoder.length >= context) {
            d.onFinish('length');
            continue;
          }
          next.push(token);
          still.push(i);
          keep.push(j);
        }
        if (still.length === 0) break;
        decoder.keepRows(keep);
        active = still;
        logits = decoder.feed(Int32Array.from(next), 1);
      }
    } finally {
      decoder.dispose();
    }
  }
}

function argmax(a: Float32Array, from: number, n: number, allowed?: (id: number) => boolean): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let k = 0; k < n; k++) {
    const x = a[from + k]!;
    if (x > bestValue && (!allowed || allowed(k))) {
      bestValue = x;
      best = k;
    }
  }
  return best;
}
