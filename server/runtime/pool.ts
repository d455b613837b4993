// A deployment's pool of warm sandboxes. Acquire takes an idle, healthy sandbox from an in-memory list (no I/O, no
// await on the fast path); release gives it back, or replaces it when it is dead or was used badly; refill runs in
// the background to keep `min` spares warm (up to `max` in all). Health checks take each idle sandbox out of the
// list while they probe it, so a sandbox being checked or found unhealthy is never handed out.
//
// Honest metrics (users of hosted pools complain of pools that silently stop refilling): claim latency p50/p99,
// warm hits vs claims that had to wait and for how long, starts / failures / replacements, health history, and a
// refill breaker: after BREAKER_THRESHOLD failed starts in a row the pool stops retrying in a loop, says why, and
// tries again after a back-off that doubles up to a minute.
import { DomainError } from '@/server/domain-error';
import { Samples } from './samples';

export interface PoolMember {
  readonly id: number;
  readonly alive: boolean;
  terminate(reason?: string): Promise<void>;
}

export type PoolOptions<S extends PoolMember> = {
  start: () => Promise<S>;
  /** Resolves when the sandbox is well; rejects (with the reason) when not. */
  probe: (s: S) => Promise<void>;
  min: number;
  max: number;
  healthIntervalMs: number;
  /** How long a claim may wait for a sandbox before it is refused (429). */
  waitMs: number;
  /** First back-off once the breaker opens (doubling to BREAKER_MAX_BACKOFF_MS). */
  breakerBackoffMs?: number;
};

export const BREAKER_THRESHOLD = 3;
export const BREAKER_MAX_BACKOFF_MS = 60_000;

export type HealthRecord = { at: number; sandboxId: number; healthy: boolean; ms: number; error: string | null };

export type PoolMetrics = {
  idle: number;
  busy: number;
  starting: number;
  checking: number;
  min: number;
  max: number;
  claims: number;
  warmHits: number;
  waits: number;
  waitTimeouts: number;
  warmHitRate: number | null;
  claimP50Us: number | null;
  claimP99Us: number | null;
  waitP50Ms: number | null;
  waitP99Ms: number | null;
  started: number;
  failed: number;
  replaced: number;
  breaker: { open: boolean; reason: string | null; retryAt: number | null; consecutiveFailures: number };
  health: HealthRecord[];
};

type Waiter<S> = { resolve: (s: S) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; since: number };

export class SandboxPool<S extends PoolMember> {
  private readonly idle: S[] = [];
  private readonly busy = new Set<S>();
  private readonly checking = new Set<S>();
  private starting = 0;
  private readonly waiters: Waiter<S>[] = [];
  private closed = false;
  private readonly claimUs = new Samples();
  private readonly waitMs = new Samples(1024);
  private counts = { claims: 0, warmHits: 0, waits: 0, waitTimeouts: 0, started: 0, failed: 0, replaced: 0 };
  private breaker = { consecutiveFailures: 0, openUntil: null as number | null, reason: null as string | null, backoffMs: 0 };
  private breakerTimer: NodeJS.Timeout | null = null;
  private readonly healthTimer: NodeJS.Timeout;
  private readonly health: HealthRecord[] = [];
  lastStartError: string | null = null;

  constructor(private readonly o: PoolOptions<S>) {
    this.healthTimer = setInterval(() => this.checkHealth(), o.healthIntervalMs);
    this.healthTimer.unref();
    this.refill();
  }

  /** The fast path: an idle healthy sandbox, or null. Synchronous: no I/O, no await. */
  tryAcquire(): S | null {
    const t0 = performance.now();
    while (this.idle.length) {
      const s = this.idle.pop()!;
      if (!s.alive) {
        this.discard(s, 'it died while idle');
        continue;
      }
      this.busy.add(s);
      this.counts.claims++;
      this.counts.warmHits++;
      this.claimUs.add((performance.now() - t0) * 1000);
      if (this.idle.length < this.o.min) this.refill();
      return s;
    }
    return null;
  }

  /** A sandbox: at once when one is idle, else after waiting up to `waitMs` for one (then a 429 refusal). */
  acquire(): Promise<S> {
    if (this.closed) return Promise.reject(new DomainError('unavailable', 'This deployment is stopping.', { retryAfterSeconds: 1 }));
    const s = this.tryAcquire();
    if (s) return Promise.resolve(s);
    this.counts.waits++;
    return new Promise<S>((resolve, reject) => {
      const waiter: Waiter<S> = {
        resolve,
        reject,
        since: performance.now(),
        timer: setTimeout(() => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          this.counts.waitTimeouts++;
          this.waitMs.add(performance.now() - waiter.since);
          const why = this.breaker.reason ? ` (${this.breaker.reason})` : '';
          reject(
            new DomainError(
              'rate_limited',
              `Every sandbox of this deployment is busy and none freed up within ${this.o.waitMs} ms${why}.`,
              {
                retryAfterSeconds: 1,
              },
            ),
          );
        }, this.o.waitMs),
      };
      this.waiters.push(waiter);
      this.refill();
    });
  }

  /** Gives a sandbox back; `healthy: false` (or a dead sandbox) replaces it. */
  release(s: S, o: { healthy?: boolean } = {}): void {
    if (!this.busy.delete(s)) return;
    if (!s.alive || o.healthy === false || this.closed) {
      this.discard(s, 'it was released unhealthy');
      return;
    }
    this.hand(s);
  }

  get size(): number {
    return this.idle.length + this.busy.size + this.checking.size + this.starting;
  }

  get warm(): number {
    return this.idle.length + this.busy.size + this.checking.size;
  }

  metrics(): PoolMetrics {
    const c = this.counts;
    const b = this.breaker;
    const open = b.openUntil !== null;
    return {
      idle: this.idle.length,
      busy: this.busy.size,
      starting: this.starting,
      checking: this.checking.size,
      min: this.o.min,
      max: this.o.max,
      ...c,
      warmHitRate: c.claims + c.waits ? c.warmHits / (c.warmHits + c.waits) : null,
      claimP50Us: this.claimUs.quantile(0.5),
      claimP99Us: this.claimUs.quantile(0.99),
      waitP50Ms: this.waitMs.quantile(0.5),
      waitP99Ms: this.waitMs.quantile(0.99),
      breaker: { open, reason: b.reason, retryAt: b.openUntil, consecutiveFailures: b.consecutiveFailures },
      health: [...this.health],
    };
  }

  /** Runs every idle sandbox's probe now (the timer does this every healthIntervalMs). */
  async checkHealth(): Promise<void> {
    const batch = this.idle.splice(0, this.idle.length);
    await Promise.all(
      batch.map(async (s) => {
        this.checking.add(s);
        const t0 = performance.now();
        let error: string | null = null;
        try {
          if (!s.alive) throw new Error('it is not running');
          await this.o.probe(s);
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
        this.checking.delete(s);
        this.health.push({ at: Date.now(), sandboxId: s.id, healthy: error === null, ms: Math.round(performance.now() - t0), error });
        if (this.health.length > 50) this.health.shift();
        if (error !== null || this.closed) this.discard(s, `its health check failed: ${error}`);
        else this.hand(s);
      }),
    );
  }

  /** Stops the pool: waiting claims are refused, every sandbox is stopped. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.healthTimer);
    if (this.breakerTimer) clearTimeout(this.breakerTimer);
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new DomainError('unavailable', 'This deployment stopped.', { retryAfterSeconds: 1 }));
    }
    await Promise.all([...this.idle.splice(0), ...this.busy, ...this.checking].map((s) => s.terminate('the pool closed')));
  }

  private hand(s: S): void {
    const w = this.waiters.shift();
    if (w) {
      clearTimeout(w.timer);
      this.busy.add(s);
      this.counts.claims++;
      this.waitMs.add(performance.now() - w.since);
      w.resolve(s);
    } else this.idle.push(s);
  }

  private discard(s: S, reason: string): void {
    this.counts.replaced++;
    void s.terminate(reason);
    this.refill();
  }

  /** Starts sandboxes until `min` spares are warm beside the busy ones and every waiting claim has one coming. */
  private refill(): void {
    if (this.closed) return;
    const b = this.breaker;
    if (b.openUntil !== null) {
      if (Date.now() < b.openUntil) {
        this.breakerTimer ??= setTimeout(() => {
          this.breakerTimer = null;
          this.refill();
        }, b.openUntil - Date.now());
        return;
      }
      b.openUntil = null; // half-open: one more try decides
    }
    const target = Math.min(this.o.max, this.busy.size + this.waiters.length + this.o.min);
    const toStart = b.consecutiveFailures >= BREAKER_THRESHOLD ? Math.min(1, target - this.size) : target - this.size;
    for (let i = 0; i < toStart; i++) this.startOne();
  }

  private startOne(): void {
    this.starting++;
    this.o.start().then(
      (s) => {
        this.starting--;
        this.counts.started++;
        this.breaker = { consecutiveFailures: 0, openUntil: null, reason: null, backoffMs: 0 };
        if (this.closed) void s.terminate('the pool closed');
        else this.hand(s);
        this.refill();
      },
      (err: unknown) => {
        this.starting--;
        this.counts.failed++;
        const message = err instanceof Error ? err.message : String(err);
        this.lastStartError = message;
        const b = this.breaker;
        b.consecutiveFailures++;
        if (b.consecutiveFailures >= BREAKER_THRESHOLD) {
          const first = this.o.breakerBackoffMs ?? 1000;
          b.backoffMs = b.backoffMs ? Math.min(BREAKER_MAX_BACKOFF_MS, b.backoffMs * 2) : first;
          b.openUntil = Date.now() + b.backoffMs;
          b.reason = `refill paused: ${b.consecutiveFailures} sandbox starts failed in a row (last: ${message}); next try in ${Math.round(b.backoffMs / 1000)} s`;
        }
        this.refill();
      },
    );
  }
}
