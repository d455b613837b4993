// The pool host: one warm pool per serving deployment, owned by the process that serves (the web server warms them at
// boot, server/main/web.ts). It reconciles with the database on a timer and whenever a deploy, stop or rollback
// happens in this process: pools open for deployments that should serve and close for those that should not; a
// deployment turns `live` once its pool has a warm sandbox, `failed` when its model cannot be loaded at all.
import 'server-only';
import { readFile } from 'node:fs/promises';
import type { Db } from '@/db';
import type { Deployment } from '@/db/schema';
import { artifactPath } from '@/server/artifacts/store';
import { DomainError } from '@/server/domain-error';
import { getModel } from '@/server/training/registry';
import { activeDeployments, setServingState, setStatusReason } from './deployments';
import { onDeploymentsChanged } from './host-signal';
import { SandboxPool, type PoolMetrics } from './pool';
import { Sandbox } from './sandbox/sandbox';

export type Served = { deployment: Deployment; pool: SandboxPool<Sandbox> };

/** One sample of a pool, every reconcile, for the deployment page's chart. */
export type PoolSample = { at: number; idle: number; busy: number; starting: number; claims: number; waits: number };

type Entry = { deployment: Deployment; pool: Promise<SandboxPool<Sandbox>>; samples: PoolSample[] };

const TOOL_TIMEOUT_MS = 250;
const SAMPLES_KEPT = 150;

export class RuntimeHost {
  private readonly pools = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  private reconciling: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly o: { reconcileMs?: number; breakerBackoffMs?: number } = {},
  ) {}

  /** Warms every serving deployment's pool now, then keeps reconciling. */
  async start(): Promise<void> {
    this.stopListening ??= onDeploymentsChanged(() => void this.reconcile());
    this.timer ??= setInterval(() => void this.reconcile(), this.o.reconcileMs ?? 2000);
    this.timer.unref();
    await this.reconcile();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopListening?.();
    this.timer = null;
    this.stopListening = null;
    const entries = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(entries.map(async (e) => (await e.pool.catch(() => null))?.close()));
  }

  /** The pool serving `d`, opened on first use (a request may arrive before the next reconcile). */
  async poolFor(d: Deployment): Promise<SandboxPool<Sandbox>> {
    return this.entry(d).pool;
  }

  /** Metrics and samples of a deployment's pool, or null when it has none in this process. */
  async poolState(deploymentId: string): Promise<{ metrics: PoolMetrics; samples: PoolSample[] } | null> {
    const e = this.pools.get(deploymentId);
    const pool = e && (await e.pool.catch(() => null));
    return pool ? { metrics: pool.metrics(), samples: e.samples } : null;
  }

  /** Brings the pools in line with the database (one pass at a time; a request during a pass runs one more after). */
  reconcile(): Promise<void> {
    if (this.reconciling) {
      this.again = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      do {
        this.again = false;
        await this.reconcileOnce().catch((e: unknown) => console.error('[runtime] reconcile failed:', e));
      } while (this.again);
    })().finally(() => {
      this.reconciling = null;
    });
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<void> {
    const active = await activeDeployments(this.db);
    const wanted = new Map(active.map((d) => [d.id, d]));
    for (const [id, e] of this.pools)
      if (!wanted.has(id)) {
        this.pools.delete(id);
        void e.pool.then((p) => p.close()).catch(() => {});
      }
    for (const d of active) {
      const e = this.entry(d);
      e.deployment = d;
      const pool = await e.pool.catch(async (err: unknown) => {
        this.pools.delete(d.id);
        await setServingState(this.db, d.id, 'failed', err instanceof Error ? err.message : String(err));
        return null;
      });
      if (!pool) continue;
      const m = pool.metrics();
      e.samples.push({ at: Date.now(), idle: m.idle, busy: m.busy, starting: m.starting, claims: m.claims, waits: m.waits });
      if (e.samples.length > SAMPLES_KEPT) e.samples.shift();
      if (d.status === 'starting' && pool.warm > 0) await setServingState(this.db, d.id, 'live', null);
      // The breaker's reason shows on the deployment page until a start succeeds again.
      const reason = m.breaker.reason ?? (d.statusReason?.startsWith('refill paused') ? null : d.statusReason);
      if (reason !== d.statusReason) await setStatusReason(this.db, d.id, reason);
    }
  }

  private entry(d: Deployment): Entry {
    let e = this.pools.get(d.id);
    if (!e) {
      e = { deployment: d, pool: this.open(d), samples: [] };
      this.pools.set(d.id, e);
    }
    return e;
  }

  private async open(d: Deployment): Promise<SandboxPool<Sandbox>> {
    const model = await getModel(this.db, d.projectId, d.modelId);
    if (!model) throw new DomainError('precondition_failed', `Its model ${d.modelId} no longer exists.`);
    const modelBytes = await readFile(artifactPath(model.sha256)).catch(() => {
      throw new DomainError('precondition_failed', `The artefact of ${d.modelId} is missing from the artefact store.`);
    });
    const c = d.config;
    return new SandboxPool<Sandbox>({
      start: () =>
        Sandbox.start({
          modelBytes,
          tools: c.tools,
          maxCalls: Math.max(0, c.stepLimit - 1),
          toolTimeoutMs: TOOL_TIMEOUT_MS,
          memoryLimitMb: c.memoryLimitMb,
        }),
      probe: async (s) => {
        const out = await s.chat(c.healthProbe.prompt, { timeoutMs: c.requestTimeoutMs });
        if (c.healthProbe.expectContains !== null && !out.answer.includes(c.healthProbe.expectContains))
          throw new Error(`the probe's answer "${out.answer.slice(0, 80)}" lacks "${c.healthProbe.expectContains}"`);
      },
      min: c.poolMin,
      max: c.poolMax,
      healthIntervalMs: c.healthIntervalMs,
      waitMs: c.requestTimeoutMs,
      breakerBackoffMs: this.o.breakerBackoffMs,
    });
  }
}

const g = globalThis as unknown as { afRuntimeHosts?: Map<Db, RuntimeHost> };
const hosts = (g.afRuntimeHosts ??= new Map());

/** The process's pool host for this database (route handlers, tRPC and boot share it across bundles via globalThis). */
export function runtimeHost(db: Db): RuntimeHost {
  let host = hosts.get(db);
  if (!host) {
    hosts.set(db, (host = new RuntimeHost(db)));
    void host.start();
  }
  return host;
}
