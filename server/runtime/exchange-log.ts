// Served exchanges go back into Data as interaction events (source `runtime`), with a row in the deployment's
// request log. Writes never sit on the request path: records queue in memory and are written in batches on a timer,
// when the queue is long, and on a graceful shutdown (flushAll on SIGTERM, server/main/web.ts). A batch the database
// refuses stays queued and is tried again on the next flush.
import 'server-only';
import type { Db } from '@/db';
import { deploymentRequests, events } from '@/db/schema';

export type EventRecord = typeof events.$inferInsert;
export type RequestRecord = typeof deploymentRequests.$inferInsert;

const FLUSH_MS = 200;
const FLUSH_AT = 500;

export class ExchangeLog {
  private events: EventRecord[] = [];
  private requests: RequestRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** Switched off for benchmarks that measure the logging overhead. */
  enabled = true;

  constructor(
    private readonly db: Db,
    private readonly o: { flushMs?: number; flushAt?: number } = {},
  ) {}

  record(event: EventRecord | null, request: RequestRecord): void {
    if (!this.enabled) return;
    if (event) this.events.push(event);
    this.requests.push(request);
    if (this.requests.length >= (this.o.flushAt ?? FLUSH_AT)) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.o.flushMs ?? FLUSH_MS);
      this.timer.unref();
    }
  }

  get pending(): number {
    return this.requests.length;
  }

  /** Writes everything queued so far (flushes run one after another, in order). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.writeQueued());
    return this.flushing;
  }

  private async writeQueued(): Promise<void> {
    const evs = this.events;
    const reqs = this.requests;
    if (!evs.length && !reqs.length) return;
    this.events = [];
    this.requests = [];
    try {
      await this.db.transaction(async (tx) => {
        for (let i = 0; i < evs.length; i += 500) await tx.insert(events).values(evs.slice(i, i + 500));
        for (let i = 0; i < reqs.length; i += 500) await tx.insert(deploymentRequests).values(reqs.slice(i, i + 500));
      });
    } catch (err) {
      this.events = [...evs, ...this.events];
      this.requests = [...reqs, ...this.requests];
      console.error(`[runtime] writing ${reqs.length} served exchanges failed; they stay queued:`, err);
      if (!this.timer) {
        this.timer = setTimeout(() => void this.flush(), 1000);
        this.timer.unref();
      }
    }
  }
}

const g = globalThis as unknown as { afExchangeLogs?: Map<Db, ExchangeLog> };
const logs = (g.afExchangeLogs ??= new Map());

export function exchangeLog(db: Db): ExchangeLog {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = new ExchangeLog(db)));
  return log;
}

/** Flushes every log of this process (on SIGTERM). */
export async function flushAll(): Promise<void> {
  await Promise.all([...logs.values()].map((l) => l.flush()));
}
