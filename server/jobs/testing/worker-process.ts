// Test helper: runs `npm run worker` (tsx server/main/worker.ts) as a real child process against a given database.
import { TSX, tsxArgs } from '@/server/testing/tsx';
import { spawn, type ChildProcess } from 'node:child_process';

export type WorkerProcess = {
  name: string;
  /** The worker id (`wkr_…`) it printed in its ready line; the id jobs rows and job_events carry. */
  id: string;
  pid: number;
  /** Everything it printed so far, each line prefixed with its name and stream. */
  output: () => string;
  /** True until the process exits (tsx exits with its child, so this follows the real worker). */
  alive: () => boolean;
  /** Sends `signal` to the worker and waits until it has exited. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
};

export type SpawnWorkerOptions = {
  name: string;
  databaseUrl: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
};

/** Every worker started since the last `killAllWorkers`, dead or alive, so a failing test can print them all. */
let spawned: WorkerProcess[] = [];
let exitHookInstalled = false;

export async function spawnWorker(o: SpawnWorkerOptions): Promise<WorkerProcess> {
  const child = spawn(TSX, tsxArgs('server/main/worker.ts'), {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: o.databaseUrl,
      WORKER_POLL_MS: '50',
      WORKER_HEARTBEAT_MS: '200',
      WORKER_NAME: o.name,
      // A queue list inherited from the developer's shell would make these workers ignore the test jobs.
      WORKER_QUEUES: 'default',
      ...o.env,
    },
    // tsx runs the script in a child node process and does not pass SIGKILL on (nothing can), so killing only
    // the tsx pid would leave the real worker running and heart-beating; its own process group lets us kill both.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  // A failed spawn emits 'error' and never 'exit'; either one means there is nothing left to wait for.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (err) => {
      lines.push(`[${o.name}] spawn error: ${err.message}`);
      resolve();
    });
  });
  let onLine: ((line: string) => void) | null = null;
  collectLines(child, 'stdout', (line) => {
    lines.push(`[${o.name} out] ${line}`);
    onLine?.(line);
  });
  collectLines(child, 'stderr', (line) => lines.push(`[${o.name} err] ${line}`));
  child.once('exit', (code, signal) => lines.push(`[${o.name}] exited (code ${code}, signal ${signal})`));

  const pid = child.pid;
  if (pid === undefined) throw new Error(`worker ${o.name} could not be spawned`);
  const output = () => lines.join('\n');
  const alive = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals) => {
    // The whole group, even when tsx itself is gone: its node child may not be.
    try {
      process.kill(-pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
    await exited;
  };
  const worker: WorkerProcess = { name: o.name, id: '', pid, output, alive, kill };
  spawned.push(worker);
  installExitHook();

  const timeoutMs = o.readyTimeoutMs ?? 20_000;
  try {
    worker.id = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${o.name} printed no ready line within ${timeoutMs} ms`)), timeoutMs);
      void exited.then(() => reject(new Error(`worker ${o.name} exited before it was ready`)));
      onLine = (line) => {
        const m = /^worker (\S+) ready\b/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
    });
  } catch (err) {
    await kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${output()}`);
  } finally {
    onLine = null;
  }
  return worker;
}

/** Kills every worker started since the last call that still runs, and forgets them all; for afterEach/afterAll. */
export async function killAllWorkers(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const all = spawned;
  spawned = [];
  await Promise.all(all.map((w) => w.kill(signal)));
}

/** What every worker started since the last `killAllWorkers` printed, to show when a test fails. */
export function workersOutput(): string {
  return spawned.map((w) => w.output()).join('\n');
}

/** Detached workers outlive a test process that dies without running afterAll; this still takes them down. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const w of spawned) {
      try {
        process.kill(-w.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

function collectLines(child: ChildProcess, stream: 'stdout' | 'stderr', onLine: (line: string) => void) {
  let partial = '';
  const s = child[stream]!;
  s.setEncoding('utf8');
  s.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  });
  s.on('end', () => {
    if (partial) onLine(partial);
    partial = '';
  });
}
