// Compute on Slurm, on the loopback test cluster (scripts/slurm-test-cluster.sh): time from an allocation request to
// granted (the Slurm job RUNNING, seen by a reconcile), p50/p95 of N, what one reconcile pass costs with 0, 1 and
// 10 active allocations, and the wall time the Slurm path adds to a short training run (request → model registered)
// against the local path: the same tiny run on a local allocation and the in-process worker, median of R runs each.
// Run: npx tsx --conditions=react-server bench/slurm.ts [N=20] [R=3]
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import type { TestCluster } from '@/server/testing/slurm';

// The training part needs the app's worker routes, which open the process's database: a PGlite of our own.
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'af-bench-slurm-'));
process.env.AF_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { allocations, clusters, jobs } = await import('@/db/schema');
const { getDbHandle } = await import('@/server/db');
const { seedDemo, DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { cancelAllJobs, holdCluster, stopTestCluster, testCluster } = await import('@/server/testing/slurm');
const { saveCluster } = await import('@/server/compute/slurm/clusters');
const { reconcileCluster, reconcileDue, releaseClusterAllocation, requestClusterAllocation } =
  await import('@/server/compute/slurm/allocations');
const { startRouteServer } = await import('@/server/worker-route/testing');
const { startLocalWorker } = await import('@/server/main/local-worker');
const { startTraining } = await import('@/server/training/start');
const { hyperParamsInput } = await import('@/server/training/hyperparams');
const { WORKER_TIMING_DEFAULTS } = await import('@/common/worker-timing');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const n = Number(process.argv[2] ?? 20);
  const runs = Number(process.argv[3] ?? 3);
  const c = await testCluster();
  if ('skip' in c) {
    console.log(`skipped: ${c.skip}`);
    return;
  }
  const release = await holdCluster(c);
  const h = await getDbHandle();
  await seedDemo(h.db);
  await cancelAllJobs(c);
  const saved = await saveCluster(
    h.db,
    P,
    {
      name: 'bench',
      url: c.url,
      userName: c.user,
      credentialKind: 'jwt_key',
      credential: c.jwtKeyBase64,
      defaultPartition: c.partition,
      workDir: c.jobDir,
    },
    null,
  );
  const row = async () => (await h.db.select().from(clusters).where(eq(clusters.id, saved.id)))[0]!;
  const req = { projectId: P, clusterId: saved.id, poolType: 'training' as const, cpus: 1, gpus: 1, memoryMb: 100, timeLimitMinutes: 5 };
  const waits: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await requestClusterAllocation(h.db, req);
    const id = r.allocation!.id;
    for (;;) {
      const [a] = await h.db.select().from(allocations).where(eq(allocations.id, id));
      if (a!.status === 'granted') break;
      await new Promise((res) => setTimeout(res, 20));
      await reconcileCluster(h.db, await row());
    }
    waits.push(performance.now() - t0);
    const [a] = await h.db.select().from(allocations).where(eq(allocations.id, id));
    await releaseClusterAllocation(h.db, a!, 'bench');
  }
  console.log(
    `request → granted over ${n}: p50 ${pct(waits, 50).toFixed(0)} ms, p95 ${pct(waits, 95).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`,
  );

  const passes = 20;
  let t = performance.now();
  for (let i = 0; i < passes; i++) await reconcileDue(h.db, P, 0);
  console.log(`reconcile, no active allocation (one UPDATE, no call to Slurm): ${((performance.now() - t) / passes).toFixed(1)} ms/pass`);
  for (const active of [1, 10]) {
    const held = [];
    for (let i = 0; i < active; i++) held.push((await requestClusterAllocation(h.db, { ...req, gpus: 0 })).allocation!);
    t = performance.now();
    for (let i = 0; i < passes; i++) await reconcileCluster(h.db, await row());
    console.log(`reconcile, ${active} active allocation(s) (one GET /jobs): ${((performance.now() - t) / passes).toFixed(1)} ms/pass`);
    for (const a of held) {
      const [cur] = await h.db.select().from(allocations).where(eq(allocations.id, a.id));
      await releaseClusterAllocation(h.db, cur!, 'bench');
    }
  }
  await trainingOverhead(h.db, c, saved.id, runs);
  console.log(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  await cancelAllJobs(c);
  await h.close();
  release();
  await stopTestCluster(c);
  await rm(dataDir, { recursive: true, force: true });
}

const median = (xs: number[]) => pct(xs, 50);

/** Request → model registered for the same tiny run, on a local allocation and on a Slurm training allocation. */
async function trainingOverhead(db: Db, c: TestCluster, clusterId: string, runs: number) {
  const server = await startRouteServer();
  // The app's worker loop: runs local jobs and, between them, Compute's sweep (which reconciles with Slurm).
  const worker = await startLocalWorker(db, { name: 'bench', pollMs: WORKER_TIMING_DEFAULTS.WORKER_POLL_MS, heartbeatMs: 2_000 });
  await saveCluster(
    db,
    P,
    {
      id: clusterId,
      name: 'bench',
      url: c.url,
      userName: c.user,
      credentialKind: 'jwt_key',
      defaultPartition: c.partition,
      workDir: c.jobDir,
      appUrl: server.url,
      appDir: process.cwd(),
    },
    null,
  );
  const hyperParams = hyperParamsInput.parse({ modelSize: 'tiny', epochs: 1, maxSeconds: 5, checkpointEvery: 50, validateEvery: 1000 });
  const train = (name: string, allocationId: string | null) =>
    startTraining(db, {
      projectId: P,
      name,
      datasetId: 'ds_math_v1',
      scenarioId: 'scn_math_v1',
      allocationId,
      base: 'builtin:char-transformer',
      hyperParams,
      createdBy: null,
    });
  const finished = async (jobId: string) => {
    for (;;) {
      const [j] = await db.select().from(jobs).where(eq(jobs.id, jobId));
      if (j!.status === 'succeeded') return;
      if (j!.status !== 'queued' && j!.status !== 'running') throw new Error(`job ${jobId} ${j!.status}: ${j!.error}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const local: number[] = [];
  const slurm: number[] = [];
  const slurmGrant: number[] = [];
  const slurmTrain: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await finished((await train(`bench-local-${i}`, null)).jobId);
    local.push(performance.now() - t0);

    t0 = performance.now();
    const r = await requestClusterAllocation(db, {
      projectId: P,
      clusterId,
      poolType: 'training',
      cpus: 1,
      gpus: 1,
      memoryMb: 1024,
      timeLimitMinutes: 10,
    });
    const id = r.allocation!.id;
    for (;;) {
      const [a] = await db.select().from(allocations).where(eq(allocations.id, id));
      if (a!.status === 'granted') break;
      await new Promise((res) => setTimeout(res, 20));
    }
    slurmGrant.push(performance.now() - t0);
    const t1 = performance.now();
    await finished((await train(`bench-slurm-${i}`, id)).jobId);
    slurm.push(performance.now() - t0);
    slurmTrain.push(performance.now() - t1);
  }
  const s = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(1)).join(', ');
  console.log(`training, local path (local allocation, in-process worker): median ${(median(local) / 1000).toFixed(1)} s of [${s(local)}]`);
  console.log(
    `training, Slurm path (Slurm job runs the remote worker): median ${(median(slurm) / 1000).toFixed(1)} s of [${s(slurm)}]` +
      ` (request → granted, seen by the worker loop's reconcile: median ${(median(slurmGrant) / 1000).toFixed(1)} s;` +
      ` run started → model registered: median ${(median(slurmTrain) / 1000).toFixed(1)} s)`,
  );
  console.log(`extra wall time on the Slurm path: ${((median(slurm) - median(local)) / 1000).toFixed(1)} s (median − median)`);
  await worker.stop();
  await server.close();
}

await main();
