// The preparation thread's entry: plain JavaScript that loads the TypeScript thread (./prepare-thread.ts) through
// tsx's scoped loader, as the sandbox threads do (a `--import tsx` in execArgv does not reach a worker's entry on Node 20).
import { tsImport } from 'tsx/esm/api';

await tsImport('./prepare-thread.ts', import.meta.url);
