// What a training run starts from. The built-in base trains here on CPU; hosted bases are fine-tuned by a remote
// worker through the worker route, with the trainer adapter named here (server/training/remote/adapters.ts).
export type TrainerKind = 'builtin' | 'openai-fine-tuning';
export type Base = {
  id: string;
  label: string;
  queue: string;
  needsGpu: boolean;
  trainer: TrainerKind;
  description: string;
  /** What a worker needs to serve this base: shown while a run waits, and under the base select. */
  requirement: string;
};

export const BUILTIN_BASE = 'builtin:char-transformer';

const fineTuningRequirement =
  'a remote worker (npm run worker:remote) serving the gpu queue with an OpenAI-compatible fine-tuning API configured (FINETUNE_API_URL)';

export const BASES: Base[] = [
  {
    id: BUILTIN_BASE,
    label: 'Built-in char transformer (CPU)',
    queue: 'default',
    needsGpu: false,
    trainer: 'builtin',
    description:
      'A small character-level transformer trained from scratch on CPU, by this server’s worker or by a remote worker serving the default queue.',
    requirement:
      'a worker serving the default queue: a local one (npm run worker, or the one inside the web server) or a remote one (npm run worker:remote with WORKER_QUEUES=default)',
  },
  {
    id: 'gpt-3.5-turbo',
    label: 'gpt-3.5-turbo (GPU worker)',
    queue: 'gpu',
    needsGpu: true,
    trainer: 'openai-fine-tuning',
    description: 'Fine-tuned by a remote worker through an OpenAI-compatible fine-tuning API configured on that worker.',
    requirement: fineTuningRequirement,
  },
  {
    id: 'llama-3.1-8b',
    label: 'Llama 3.1 8B (GPU worker)',
    queue: 'gpu',
    needsGpu: true,
    trainer: 'openai-fine-tuning',
    description:
      'Fine-tuned by a remote worker through an OpenAI-compatible fine-tuning API that hosts Llama 3.1 8B (map the provider’s model name with FINETUNE_MODEL_MAP).',
    requirement: fineTuningRequirement,
  },
];

export const findBase = (id: string) => BASES.find((b) => b.id === id);
