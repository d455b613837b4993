// How a deployment change reaches the pool host without the deploy code depending on it: the host (./pools.ts)
// listens while it runs; with no host in this process (a CLI, a test of deploy alone) the signal is a no-op.
type Listener = () => void;
const g = globalThis as unknown as { afRuntimeListeners?: Set<Listener> };
const listeners = (g.afRuntimeListeners ??= new Set());

export function onDeploymentsChanged(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function notifyDeploymentsChanged(): void {
  for (const l of listeners) l();
}
