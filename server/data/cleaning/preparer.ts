// Where a cleaning run prepares its pages (prepare.ts): in a thread of its own for a run big enough to pay for
// starting one, so junk filters, redaction and signatures run on another core while the run's thread walks the
// duplicate index and talks to the database; in the run's own thread otherwise. Same results either way.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CleanConfig } from './config';
import { bandingFor } from './lsh';
import type { CleanEvent } from './pipeline';
import { prepareEvent, unpackPage, type Prepared, type PrepareTimes } from './prepare';
import type { PrepareReply, PrepareRequest } from './prepare-thread';

export type PreparedPage = { page: CleanEvent[]; prepared: Prepared[] };

export interface PagePreparer {
  prepare(page: CleanEvent[]): Promise<PreparedPage>;
  close(): Promise<void>;
}

/** In this thread; `skipKeys(exact)` spares the signature of an event whose exact key the run has kept already. */
export function inlinePreparer(config: CleanConfig, times: PrepareTimes, skipKeys?: (exact: number) => boolean): PagePreparer {
  const banding = bandingFor(config.nearDuplicateThreshold);
  return {
    prepare: async (page) => ({ page, prepared: page.map((e) => prepareEvent(e, config, banding, times, skipKeys)) }),
    close: async () => {},
  };
}

/** Found from the working directory at run time, not imported: a bundler rewrites `new Worker(…)` it can see. */
const THREAD_ENTRY = () => path.join(process.cwd(), 'server/data/cleaning/prepare-boot.mjs');
const START_TIMEOUT_MS = 60_000;

/** In a thread of its own; resolves once the thread has loaded. A thread that dies fails the pages it owed. */
export async function threadPreparer(config: CleanConfig, times: PrepareTimes): Promise<PagePreparer> {
  const bands = bandingFor(config.nearDuplicateThreshold).bands;
  const worker = Reflect.construct(Worker, [THREAD_ENTRY(), { workerData: config, stdin: false }]) as Worker;
  const pending = new Map<number, { page: CleanEvent[]; resolve: (p: PreparedPage) => void; reject: (e: Error) => void }>();
  let dead: Error | null = null;
  let seq = 0;
  const die = (err: Error) => {
    dead ??= err;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the cleaning preparation thread did not start')), START_TIMEOUT_MS);
    worker.once('message', (m: PrepareReply) => {
      clearTimeout(timer);
      if (m.type === 'ready') resolve();
      else reject(new Error('the cleaning preparation thread did not start'));
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  worker.on('message', (m: PrepareReply) => {
    if (m.type === 'ready') return;
    const p = pending.get(m.seq);
    if (!p) return;
    pending.delete(m.seq);
    if (m.type === 'error') return p.reject(new Error(`preparing a page failed: ${m.message}`));
    for (const k of ['garbage', 'redact', 'exact'] as const) times[k] += m.packed.times[k];
    p.resolve({ page: p.page, prepared: unpackPage(p.page, m.packed, bands) });
  });
  worker.on('error', (err) => die(err));
  worker.on('exit', (code) => die(new Error(`the cleaning preparation thread exited (code ${code})`)));
  return {
    prepare(page) {
      if (dead) return Promise.reject(dead);
      const n = ++seq;
      return new Promise<PreparedPage>((resolve, reject) => {
        pending.set(n, { page, resolve, reject });
        // Only what the thread reads.
        worker.postMessage({ seq: n, prompts: page.map((e) => e.prompt), responses: page.map((e) => e.response) } satisfies PrepareRequest);
      });
    },
    async close() {
      dead ??= new Error('the cleaning preparation thread was closed');
      await worker.terminate();
    },
  };
}
