// One sandbox: a worker thread holding a loaded model and its template's tools (./worker-main.ts), with a heap
// limit, an empty environment and no stdin. The pool (../pool.ts) owns sandboxes; a sandbox serves one request at a
// time, and one that misbehaves (a request over its time limit, a thread that died or ran out of memory) is dead for
// good: the pool replaces it. Stopping a runaway request means terminating its thread, the only way to interrupt a
// synchronous decode.
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DomainError } from '@/server/domain-error';
import type { ChatResult, SandboxInit, SandboxReply, SandboxRequest, ToolResult } from './protocol';

export type SandboxOptions = SandboxInit & {
  /** Heap limit of the thread (old generation), in MB. */
  memoryLimitMb: number;
  /** How long the thread may take to load the model before it counts as a failed start. */
  startTimeoutMs?: number;
};

/**
 * The worker's entry, found from the working directory at run time rather than through an import: a bundler (Next.js)
 * rewrites `new URL(…, import.meta.url)` and `new Worker(…)` calls it can see, which breaks them inside a server bundle.
 */
const WORKER_ENTRY = () => path.join(process.cwd(), 'server/runtime/sandbox/worker-boot.mjs');

let nextSandboxId = 1;

type Pending = { resolve: (r: SandboxReply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class Sandbox {
  readonly id = nextSandboxId++;
  readonly startedAt = Date.now();
  /** Why it is dead (null while it can serve). */
  deadReason: string | null = null;
  private nextRequest = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: SandboxReply) => {
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      p.resolve(m);
    });
    const die = (reason: string) => {
      if (this.deadReason === null) this.deadReason = reason;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        this.pending.delete(id);
        p.reject(new DomainError('unavailable', `The sandbox stopped while answering: ${reason}.`, { retryAfterSeconds: 1 }));
      }
    };
    worker.on('error', (err: Error & { code?: string }) =>
      die(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory (its memory limit)' : err.message),
    );
    worker.on('exit', (code) => die(`its thread exited (code ${code})`));
  }

  /** Starts a thread and resolves once its model is loaded; rejects (and cleans up) when it cannot start. */
  static start(o: SandboxOptions): Promise<Sandbox> {
    const { memoryLimitMb, startTimeoutMs = 60_000, ...init } = o;
    const resourceLimits: ResourceLimits = {
      maxOldGenerationSizeMb: memoryLimitMb,
      maxYoungGenerationSizeMb: Math.max(4, memoryLimitMb / 8),
    };
    // Reflect.construct keeps the bundler from recognising (and rewriting) a `new Worker(path)` expression.
    const worker = Reflect.construct(Worker, [
      WORKER_ENTRY(),
      { workerData: init satisfies SandboxInit, resourceLimits, env: {}, stdin: false },
    ]) as Worker;
    return new Promise<Sandbox>((resolve, reject) => {
      const fail = (message: string) => {
        clearTimeout(timer);
        void worker.terminate();
        reject(new Error(message));
      };
      const timer = setTimeout(() => fail(`the sandbox did not load its model within ${startTimeoutMs} ms`), startTimeoutMs);
      const onMessage = (m: SandboxReply) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          resolve(new Sandbox(worker));
        } else if (m.type === 'startup-error') fail(`the sandbox could not load its model: ${m.message}`);
      };
      const onError = (err: Error) => fail(`the sandbox thread failed to start: ${err.message}`);
      const onExit = (code: number) => fail(`the sandbox thread exited while starting (code ${code})`);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  get alive(): boolean {
    return this.deadReason === null;
  }

  /** Runs the agent loop on one prompt within `timeoutMs`; past it the thread is stopped and a `timeout` error thrown. */
  async chat(prompt: string, o: { timeoutMs: number; maxCalls?: number }): Promise<ChatResult> {
    const reply = await this.request({ type: 'chat', prompt, maxCalls: o.maxCalls }, o.timeoutMs);
    if (reply.type === 'chat') return reply.result;
    throw new DomainError('internal', reply.type === 'error' ? reply.message : 'unexpected sandbox reply');
  }

  /** Runs one tool call inside the sandbox (the health probe's and the tests' way in). */
  async tool(name: string, args: string, o: { timeoutMs: number }): Promise<ToolResult> {
    const reply = await this.request({ type: 'tool', name, args }, o.timeoutMs);
    if (reply.type === 'tool') return reply.result;
    throw new DomainError('internal', reply.type === 'error' ? reply.message : 'unexpected sandbox reply');
  }

  /** Stops the thread (idempotent). */
  async terminate(reason = 'stopped'): Promise<void> {
    if (this.deadReason === null) this.deadReason = reason;
    await this.worker.terminate();
  }

  private request(body: Omit<SandboxRequest, 'id'> & Partial<SandboxRequest>, timeoutMs: number): Promise<SandboxReply> {
    if (!this.alive)
      return Promise.reject(new DomainError('unavailable', `The sandbox is gone: ${this.deadReason}.`, { retryAfterSeconds: 1 }));
    const id = this.nextRequest++;
    return new Promise<SandboxReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DomainError('timeout', `The request took longer than its limit of ${timeoutMs} ms and was stopped.`));
        void this.terminate(`a request ran past its ${timeoutMs} ms limit`);
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ ...body, id } as SandboxRequest);
    });
  }
}
