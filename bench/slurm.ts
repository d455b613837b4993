// Compute on Slurm, on the loopback test cluster (scripts/slurm-test-cluster.sh): time from an allocation request to
// granted (the Slurm job RUNNING, seen by a reconcile), p50/p95 of N, and what one reconcile pass costs with 0, 1 and
// 10 active allocations. Run: npx tsx --conditions=react-server bench/slurm.ts [N=20]
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { allocations, clusters } from '@/db/schema';
import { memoryDb } from '@/server/testing/db';
import { cancelAllJobs, stopTestCluster, testCluster } from '@/server/testing/slurm';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { saveCluster } from '@/server/compute/slurm/clusters';
import { reconcileCluster, reconcileDue, releaseClusterAllocation, requestClusterAllocation } from '@/server/compute/slurm/allocations';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const n = Number(process.argv[2] ?? 20);
  const c = await testCluster();
  if ('skip' in c) {
    console.log(`skipped: ${c.skip}`);
    return;
  }
  const h = await memoryDb({ seed: true });
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
  console.log(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  await cancelAllJobs(c);
  await h.close();
  await stopTestCluster(c);
}

await main();
