// What a training run starts from. The built-in base trains here on CPU; hosted bases need a GPU worker.
export type Base = { id: string; label: string; queue: string; needsGpu: boolean; description: string };

export const BUILTIN_BASE = 'builtin:char-transformer';

export const BASES: Base[] = [
  {
    id: BUILTIN_BASE,
    label: 'Built-in char transformer (CPU)',
    queue: 'default',
    needsGpu: false,
    description: 'A small character-level transformer trained from scratch inside this server’s worker.',
  },
  { id: 'gpt-3.5-turbo', label: 'gpt-3.5-turbo (GPU worker)', queue: 'gpu', needsGpu: true, description: 'Fine-tuned by a remote GPU worker through the worker route.' },
  { id: 'llama-3.1-8b', label: 'Llama 3.1 8B (GPU worker)', queue: 'gpu', needsGpu: true, description: 'Fine-tuned by a remote GPU worker through the worker route.' },
];

export const findBase = (id: string) => BASES.find((b) => b.id === id);
