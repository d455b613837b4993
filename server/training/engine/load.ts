// The engine on first use: TensorFlow.js and its wasm backend are about 70 MB of a process's memory, and most of a
// worker's jobs (cleaning, dataset builds, judging) never touch a model. Job handlers and model loaders import the
// engine through this, so a worker pays for it only once it trains, evaluates or serves a model; types still come
// from './index' statically (they cost nothing at run time).
let engine: Promise<typeof import('./index')> | null = null;

export function loadEngine(): Promise<typeof import('./index')> {
  engine ??= import('./index').catch((err: unknown) => {
    engine = null; // a later call may retry
    throw err;
  });
  return engine;
}
