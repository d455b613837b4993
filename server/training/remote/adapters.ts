// Trainer adapters: how a remote worker fine-tunes a base, chosen by the base's `trainer` (bases.ts). Each adapter is
// configured on the worker machine by its environment; a worker announces `training.remote` only when at least one is.
import { PermanentJobError } from '@/server/jobs/registry';
import { findBase, type TrainerKind } from '../bases';
import type { RemoteTrainingInput } from './input';
import { fineTune, fineTuningConfigFromEnv, type FineTuneOutcome, type TrainHooks } from './openai-fine-tuning';

export type TrainerAdapter = {
  kind: TrainerKind;
  train: (input: RemoteTrainingInput, hooks: TrainHooks) => Promise<FineTuneOutcome>;
};

/** The adapters this machine's environment configures, by kind. */
export function configuredAdapters(env: NodeJS.ProcessEnv = process.env): Map<TrainerKind, TrainerAdapter> {
  const out = new Map<TrainerKind, TrainerAdapter>();
  const ft = fineTuningConfigFromEnv(env);
  if (ft) out.set('openai-fine-tuning', { kind: 'openai-fine-tuning', train: (input, hooks) => fineTune(ft, input, hooks) });
  return out;
}

/** What each remote kind needs on the worker, for error messages. */
const ADAPTER_SETUP: Record<Exclude<TrainerKind, 'builtin'>, string> = {
  'openai-fine-tuning': 'FINETUNE_API_URL (and FINETUNE_API_KEY) set on the worker to an OpenAI-compatible fine-tuning API',
};

/** The adapter that trains `base` on this worker; a PermanentJobError says what is missing when there is none. */
export function adapterFor(base: string, env: NodeJS.ProcessEnv = process.env): TrainerAdapter {
  const b = findBase(base);
  if (!b) throw new PermanentJobError(`Unknown base ${base} on this worker: update the worker to the factory's version.`);
  if (b.trainer === 'builtin')
    throw new PermanentJobError(
      `Base ${base} trains with training.run (a local worker, or a remote one serving its queue), not with training.remote.`,
    );
  const adapter = configuredAdapters(env).get(b.trainer);
  if (!adapter) throw new PermanentJobError(`This worker cannot fine-tune ${base}: it needs ${ADAPTER_SETUP[b.trainer]}.`);
  return adapter;
}
