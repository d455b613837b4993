// The page-preparation thread of a cleaning run: junk filters, redaction and keys for each page the run sends it,
// answered packed (prepare.ts) so the run's own thread spends its time on the duplicate index and the database.
import { parentPort, workerData } from 'node:worker_threads';
import type { CleanConfig } from './config';
import { bandingFor } from './lsh';
import type { CleanEvent } from './pipeline';
import { packPage, prepareEvent, type PackedPage, type PrepareTimes } from './prepare';

export type PrepareRequest = { seq: number; prompts: string[]; responses: string[] };
export type PrepareReply =
  { type: 'ready' } | { type: 'page'; seq: number; packed: PackedPage } | { type: 'error'; seq: number; message: string };

const config = workerData as CleanConfig;
const banding = bandingFor(config.nearDuplicateThreshold);
const port = parentPort!;

port.on('message', ({ seq, prompts, responses }: PrepareRequest) => {
  try {
    const page: CleanEvent[] = prompts.map((prompt, i) => ({ id: '', prompt, response: responses[i]! }));
    const times: PrepareTimes = { garbage: 0, redact: 0, exact: 0 };
    const prepared = page.map((e) => prepareEvent(e, config, banding, times));
    const packed = packPage(page, prepared, banding.bands, times);
    port.postMessage({ type: 'page', seq, packed } satisfies PrepareReply, [packed.sigs.buffer, packed.bands.buffer]);
  } catch (err) {
    port.postMessage({ type: 'error', seq, message: err instanceof Error ? err.message : String(err) } satisfies PrepareReply);
  }
});
port.postMessage({ type: 'ready' } satisfies PrepareReply);
