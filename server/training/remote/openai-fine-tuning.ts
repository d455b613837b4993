// The trainer adapter for OpenAI-compatible fine-tuning APIs (OpenAI itself, and providers that copy its API):
// uploads the dataset as chat-format JSONL, creates a fine-tuning job, follows its status and events (reporting
// progress and the train/validation loss as job metrics), cancels it when the job is cancelled, and scores the
// fine-tuned model on the scenario's cases through the same API's chat completions.
// Runs on the worker machine only; its URL and key come from that machine's environment and never reach the factory.
import { exportLine } from '@/server/data/datasets/export';
import { PermanentJobError } from '@/server/jobs/registry';
import { sleep } from '@/server/abortable-sleep';
import { chatComplete, retryableStatus } from '@/server/llm/chat-client';
import { DEFAULT_LEARNING_RATE } from '@/server/training/hyperparams';
import type { RemoteTrainingInput } from './input';

export type FineTuningConfig = {
  /** e.g. `https://api.openai.com/v1`: the base the `/files` and `/fine_tuning/jobs` paths hang off. */
  baseUrl: string;
  apiKey: string | null;
  pollMs: number;
  /** Our base id → the provider's model name, where they differ (e.g. `llama-3.1-8b=meta-llama/Meta-Llama-3.1-8B-Instruct`). */
  modelMap: Record<string, string>;
  /** How many of the shipped scenario cases to score on the fine-tuned model (each is one chat completion); 0 skips it. */
  evalCases: number;
  fetch?: typeof fetch;
};

export type TrainHooks = {
  signal: AbortSignal;
  progress: (fraction: number, message?: string) => Promise<void>;
  metrics: (points: { name: string; step: number; value: number }[]) => Promise<void>;
  log?: (line: string) => void;
};

export type FineTuneOutcome = {
  providerHost: string;
  providerJobId: string;
  providerModel: string;
  fineTunedModel: string;
  steps: number;
  trainLoss: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  trainedTokens: number | null;
  wallSeconds: number;
};

/** The built-in trainer's default learning rate: `learningRate` is sent as a multiplier of the provider's own default relative to it. */
const REFERENCE_LEARNING_RATE = DEFAULT_LEARNING_RATE;
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

type FtJob = {
  id: string;
  status: string;
  fine_tuned_model?: string | null;
  trained_tokens?: number | null;
  error?: { message?: string; code?: string } | null;
  estimated_finish?: number | null;
};
type FtEvent = { id: string; created_at?: number; level?: string; message?: string; type?: string; data?: Record<string, unknown> | null };

export class FineTuningApiError extends Error {
  override name = 'FineTuningApiError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export function fineTuningConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FineTuningConfig | null {
  const url = env.FINETUNE_API_URL?.trim();
  if (!url) return null;
  const pollMs = Number(env.FINETUNE_POLL_MS ?? 10_000);
  const evalCases = Number(env.FINETUNE_EVAL_CASES ?? 20);
  const modelMap: Record<string, string> = {};
  for (const pair of (env.FINETUNE_MODEL_MAP ?? '').split(',')) {
    const [from, to] = pair.split('=').map((s) => s.trim());
    if (from && to) modelMap[from] = to;
  }
  return {
    baseUrl: url.replace(/\/+$/, ''),
    apiKey: env.FINETUNE_API_KEY?.trim() || null,
    pollMs: Number.isFinite(pollMs) && pollMs >= 10 ? pollMs : 10_000,
    modelMap,
    evalCases: Number.isInteger(evalCases) && evalCases >= 0 ? evalCases : 20,
  };
}

export class FineTuningClient {
  private readonly fetch: typeof fetch;
  constructor(private readonly c: FineTuningConfig) {
    this.fetch = c.fetch ?? globalThis.fetch;
  }

  get host() {
    return new URL(this.c.baseUrl).host;
  }

  uploadFile(name: string, jsonl: string): Promise<{ id: string }> {
    const form = new FormData();
    form.set('purpose', 'fine-tune');
    form.set('file', new Blob([jsonl], { type: 'application/jsonl' }), name);
    return this.call('POST', '/files', form);
  }

  createJob(body: Record<string, unknown>): Promise<FtJob> {
    return this.call('POST', '/fine_tuning/jobs', body);
  }

  getJob(id: string): Promise<FtJob> {
    return this.call('GET', `/fine_tuning/jobs/${encodeURIComponent(id)}`);
  }

  async events(id: string): Promise<FtEvent[]> {
    const reply = await this.call<{ data?: FtEvent[] }>('GET', `/fine_tuning/jobs/${encodeURIComponent(id)}/events?limit=100`);
    return reply.data ?? [];
  }

  cancel(id: string): Promise<FtJob> {
    return this.call('POST', `/fine_tuning/jobs/${encodeURIComponent(id)}/cancel`, {}, { retries: 1, timeoutMs: 10_000 });
  }

  /** One API call; 429, 5xx, timeouts and network errors are retried with back-off, other refusals are not. */
  private async call<T>(method: string, path: string, body?: unknown, o: { retries?: number; timeoutMs?: number } = {}): Promise<T> {
    const retries = o.retries ?? 4;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (this.c.apiKey) headers.authorization = `Bearer ${this.c.apiKey}`;
      let payload: BodyInit | undefined;
      if (body instanceof FormData) payload = body;
      else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      let error: FineTuningApiError;
      try {
        const res = await this.fetch(`${this.c.baseUrl}${path}`, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(o.timeoutMs ?? 60_000),
        });
        const text = await res.text();
        if (res.ok) return (text ? JSON.parse(text) : {}) as T;
        let message = text.slice(0, 500);
        try {
          message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          /* not JSON: keep the text */
        }
        error = new FineTuningApiError(
          `${method} ${path}: ${res.status} ${message || res.statusText}`,
          res.status,
          retryableStatus(res.status),
        );
      } catch (err) {
        error = new FineTuningApiError(`${method} ${path}: ${(err as Error).message}`, undefined, true);
      }
      if (!error.retryable || attempt >= retries) throw error;
      await sleep(Math.min(30_000, 500 * 2 ** attempt));
    }
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export const toJsonl = (rows: { prompt: string; response: string }[]) => rows.map((r) => exportLine(r.prompt, r.response)).join('');

/** Fine-tunes `input.base` on the API in `config`; resolves with the fine-tuned model, throws on a failed or cancelled job. */
export async function fineTune(config: FineTuningConfig, input: RemoteTrainingInput, hooks: TrainHooks): Promise<FineTuneOutcome> {
  const api = new FineTuningClient(config);
  const log = hooks.log ?? (() => {});
  const started = Date.now();
  const providerModel = config.modelMap[input.base] ?? input.base;
  const { train, validation } = input.examples;

  await hooks.progress(0.01, `Uploading ${train.length} training examples to ${api.host}`);
  const trainingFile = await api.uploadFile(`${input.runId}.train.jsonl`, toJsonl(train));
  const validationFile = validation.length ? await api.uploadFile(`${input.runId}.validation.jsonl`, toJsonl(validation)) : null;
  hooks.signal.throwIfAborted();

  const created = await api
    .createJob({
      model: providerModel,
      training_file: trainingFile.id,
      ...(validationFile ? { validation_file: validationFile.id } : {}),
      hyperparameters: {
        n_epochs: input.hyperParams.epochs,
        batch_size: input.hyperParams.batchSize,
        learning_rate_multiplier: input.hyperParams.learningRate / REFERENCE_LEARNING_RATE,
      },
    })
    .catch((err: unknown) => {
      // A refused job (unknown model, bad file, quota) will be refused again: fail at once with the API's words.
      if (err instanceof FineTuningApiError && !err.retryable)
        throw new PermanentJobError(`The fine-tuning API refused the job: ${err.message}`);
      throw err;
    });
  log(`fine-tuning job ${created.id} created on ${api.host} for ${providerModel}`);
  await hooks.progress(0.02, `Fine-tuning job ${created.id} created on ${api.host} (${created.status})`);

  const seen = new Set<string>();
  let steps = 0;
  let trainLoss: number | null = null;
  let valLoss: number | null = null;
  let job = created;
  const onAbort = () => {
    // Best effort: the run is cancelled (or handed to another worker), so the provider should stop billing for it.
    api.cancel(created.id).then(
      () => log(`fine-tuning job ${created.id} cancelled on ${api.host}`),
      (err: unknown) => log(`could not cancel fine-tuning job ${created.id}: ${(err as Error).message}`),
    );
  };
  hooks.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      hooks.signal.throwIfAborted();
      job = await api.getJob(created.id);
      const events = (await api.events(created.id)).filter((e) => !seen.has(e.id));
      // The API lists events newest first; report them in the order they happened.
      events.sort((a, b) => (a.created_at ?? 0) - (b.created_at ?? 0));
      let lastMessage: string | undefined;
      let fraction: number | undefined;
      const points: { name: string; step: number; value: number }[] = [];
      for (const e of events) {
        seen.add(e.id);
        const d = e.data ?? {};
        const step = num(d.step);
        if (step !== undefined) {
          steps = Math.max(steps, step);
          const tl = num(d.train_loss);
          const vl = num(d.valid_loss) ?? num(d.full_valid_loss);
          if (tl !== undefined) {
            trainLoss = tl;
            points.push({ name: 'train_loss', step, value: tl });
          }
          if (vl !== undefined) {
            valLoss = vl;
            points.push({ name: 'val_loss', step, value: vl });
          }
          const total = num(d.total_steps);
          if (total) fraction = step / total;
        }
        if (e.message) lastMessage = e.message;
      }
      if (points.length) await hooks.metrics(points);
      if (TERMINAL.has(job.status)) break;
      const share = fraction !== undefined ? 0.05 + 0.85 * Math.min(1, fraction) : 0.05;
      const loss = trainLoss !== null ? ` · loss ${trainLoss.toFixed(3)}` : '';
      await hooks.progress(
        share,
        `${api.host} job ${job.id}: ${job.status}${steps ? ` · step ${steps}` : ''}${loss}${lastMessage ? ` · ${lastMessage}` : ''}`,
      );
      await sleep(config.pollMs, hooks.signal);
    }
  } finally {
    hooks.signal.removeEventListener('abort', onAbort);
  }

  if (job.status === 'failed') {
    throw new PermanentJobError(
      `Fine-tuning job ${job.id} on ${api.host} failed: ${job.error?.message ?? 'no reason given'}${job.error?.code ? ` (${job.error.code})` : ''}`,
    );
  }
  if (job.status === 'cancelled') throw new PermanentJobError(`Fine-tuning job ${job.id} was cancelled on ${api.host}.`);
  if (!job.fine_tuned_model)
    throw new PermanentJobError(`Fine-tuning job ${job.id} on ${api.host} succeeded without naming the fine-tuned model.`);

  const valAccuracy = await evaluate(config, job.fine_tuned_model, input.cases.slice(0, config.evalCases), hooks, steps);
  return {
    providerHost: api.host,
    providerJobId: job.id,
    providerModel,
    fineTunedModel: job.fine_tuned_model,
    steps,
    trainLoss,
    valLoss,
    valAccuracy,
    trainedTokens: job.trained_tokens ?? null,
    wallSeconds: (Date.now() - started) / 1000,
  };
}

/** Exact-match accuracy of the fine-tuned model on the scenario's cases, as the built-in trainer scores its model. */
async function evaluate(
  config: FineTuningConfig,
  model: string,
  cases: RemoteTrainingInput['cases'],
  hooks: TrainHooks,
  step: number,
): Promise<number | null> {
  if (!cases.length) return null;
  let correct = 0;
  for (const [i, c] of cases.entries()) {
    hooks.signal.throwIfAborted();
    await hooks.progress(0.9 + (0.08 * i) / cases.length, `Scoring ${model} on scenario case ${i + 1}/${cases.length}`);
    const reply = await chatComplete(
      { baseUrl: config.baseUrl, model, apiKey: config.apiKey },
      { messages: [{ role: 'user', content: c.prompt }], temperature: 0, signal: hooks.signal },
      { fetch: config.fetch },
    );
    if (reply.content.trim() === c.expected.trim()) correct++;
  }
  const accuracy = correct / cases.length;
  await hooks.metrics([{ name: 'val_accuracy', step, value: accuracy }]);
  return accuracy;
}
