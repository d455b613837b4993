// Next.js calls register() once when the server starts: the place to migrate, seed and start the embedded worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { boot } = await import('./server/main/web');
  await boot();
}
