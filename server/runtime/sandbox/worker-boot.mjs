// A sandbox thread's entry: plain JavaScript that loads the TypeScript worker (./worker-main.ts) through tsx's
// scoped loader, so the thread runs the same sources under Next.js, tsx and vitest alike (a `--import tsx` in the
// thread's execArgv is not applied to a worker's own entry on Node 20).
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker-main.ts', import.meta.url);
