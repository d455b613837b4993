// The Slurm integration tests' cluster: a real single-node Slurm on loopback with two fake GPUs, started by
// scripts/slurm-test-cluster.sh (installed with Debian's packages when missing and root). Where that cannot be done,
// `testCluster()` answers why, and the files skip saying so, as the Postgres ones do.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  /** Whether this call started it (then `stop` ends it; a cluster someone else started is left running). */
  startedHere: boolean;
};

export async function testCluster(): Promise<TestCluster | { skip: string }> {
  if (process.platform !== 'linux') return { skip: 'the Slurm tests need Linux' };
  if (process.getuid?.() !== 0) return { skip: 'the Slurm tests need root (they start slurmctld and slurmd)' };
  let wasUp = false;
  try {
    await run('bash', [SCRIPT, 'env']);
    const ping = await fetch(`http://127.0.0.1:${process.env.AF_SLURM_REST_PORT ?? 16820}/slurm/v0.0.38/ping`).catch(() => null);
    wasUp = !!ping;
  } catch {
    wasUp = false;
  }
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
  return {
    url: kv.SLURM_REST_URL!,
    user: kv.SLURM_USER!,
    jwtKeyBase64: readFileSync(kv.SLURM_JWT_KEY_FILE!).toString('base64'),
    partition: kv.SLURM_PARTITION!,
    node: kv.SLURM_NODE!,
    jobDir: kv.SLURM_JOB_DIR!,
    dir: kv.SLURM_DIR!,
    env: { ...process.env, SLURM_CONF: kv.SLURM_CONF },
    startedHere: !wasUp,
  };
}

export async function stopTestCluster(c: TestCluster): Promise<void> {
  if (c.startedHere) await run('bash', [SCRIPT, 'stop']);
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
