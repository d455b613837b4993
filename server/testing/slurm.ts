// The Slurm integration tests' cluster: a real single-node Slurm on loopback with two fake GPUs, started by
// scripts/slurm-test-cluster.sh (installed with Debian's packages when missing and root). Where that cannot be done,
// `testCluster()` answers why, and the files skip saying so, as the Postgres ones do.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/slurm-test-cluster.sh');

export type TestCluster = {
  url: string;
  user: string;
  /** The cluster's JWT signing key, base64, as an admin pastes it into Settings. */
  jwtKeyBase64: string;
  partition: string;
  node: string;
  jobDir: string;
  dir: string;
  env: NodeJS.ProcessEnv;
};

export async function testCluster(): Promise<TestCluster | { skip: string }> {
  if (process.platform !== 'linux') return { skip: 'the Slurm tests need Linux' };
  if (process.getuid?.() !== 0) return { skip: 'the Slurm tests need root (they start slurmctld and slurmd)' };
  let out: string;
  try {
    out = (await run('bash', [SCRIPT, 'start'], { timeout: 180_000 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return { skip: `no test cluster: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}` };
  }
  const kv = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  // Each process using the cluster leaves its pid here; the last one out stops it (see stopTestCluster).
  mkdirSync(path.join(kv.SLURM_DIR!, 'users'), { recursive: true });
  writeFileSync(path.join(kv.SLURM_DIR!, 'users', String(process.pid)), '');
  return {
    url: kv.SLURM_REST_URL!,
    user: kv.SLURM_USER!,
    jwtKeyBase64: readFileSync(kv.SLURM_JWT_KEY_FILE!).toString('base64'),
    partition: kv.SLURM_PARTITION!,
    node: kv.SLURM_NODE!,
    jobDir: kv.SLURM_JOB_DIR!,
    dir: kv.SLURM_DIR!,
    env: { ...process.env, SLURM_CONF: kv.SLURM_CONF },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the cluster unless another live process (a second test file, the journeys) still uses it. */
export async function stopTestCluster(c: TestCluster): Promise<void> {
  const users = path.join(c.dir, 'users');
  rmSync(path.join(users, String(process.pid)), { force: true });
  const others = readdirSync(users).filter((f) => alive(Number(f)) || (rmSync(path.join(users, f), { force: true }), false));
  if (!others.length) await run('bash', [SCRIPT, 'stop']);
}

/** A token from the cluster itself (`scontrol token`), for the settings' token mode. */
export async function slurmToken(c: TestCluster, lifespanSeconds = 3600): Promise<string> {
  const { stdout } = await run('scontrol', ['token', `username=${c.user}`, `lifespan=${lifespanSeconds}`], { env: c.env });
  return stdout.trim().replace(/^SLURM_JWT=/, '');
}

/** Cancels every job of the test user, so each test starts on an idle cluster. */
export async function cancelAllJobs(c: TestCluster): Promise<void> {
  await run('scancel', ['-u', c.user], { env: c.env });
  for (let i = 0; i < 100; i++) {
    const { stdout } = await run('squeue', ['-h', '-u', c.user, '-t', 'PD,R,CG', '-o', '%i'], { env: c.env });
    if (!stdout.trim()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `scancel` from outside the app. */
export async function scancel(c: TestCluster, jobId: string): Promise<void> {
  await run('scancel', [jobId], { env: c.env });
}

export async function squeueState(c: TestCluster, jobId: string): Promise<string> {
  const { stdout } = await run('scontrol', ['show', 'job', jobId, '-o'], { env: c.env }).catch(() => ({ stdout: '' }));
  return /JobState=(\S+)/.exec(stdout)?.[1] ?? 'UNKNOWN';
}

/** Stops slurmrestd alone (an outage of the REST API while Slurm itself runs on); `restartRest` brings it back. */
export async function stopRest(c: TestCluster): Promise<void> {
  const pid = Number(readFileSync(path.join(c.dir, 'run/slurmrestd.pid'), 'utf8'));
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function restartRest(): Promise<void> {
  await run('bash', [SCRIPT, 'start'], { timeout: 60_000 });
}

/**
 * Takes the cluster for this test file alone, waiting while another live process holds it: the Slurm files cancel
 * every job, count free GPUs and stop slurmrestd, so two of them on one cluster at once would fail each other.
 * Resolves to the release.
 */
export async function holdCluster(c: TestCluster, waitMs = 420_000): Promise<() => void> {
  const lock = path.join(c.dir, 'test.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(lock, 'utf8').trim());
      } catch {
        continue; // released meanwhile
      }
      if (holder === process.pid) return () => rmSync(lock, { force: true });
      // An empty file is one being written; a dead holder's lock is taken over.
      if (holder && !alive(holder)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`the test cluster is still held by process ${holder}`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
}
