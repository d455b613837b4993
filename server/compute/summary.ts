// The pool as a project sees it: each machine's capacity, what is allocated on it (by this project and by others),
// what each pool type holds, and how busy this machine really is.
import 'server-only';
import os from 'node:os';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { allocations, type PoolUsage } from '@/db/schema';
import { addCap, offlineMachines, poolMachines, ZERO, type Capacity } from './pool';
import { needOf } from './placement';

export type MachineView = {
  id: string;
  name: string;
  kind: 'local' | 'remote';
  capacity: Capacity;
  gpus: { name: string; memoryMb: number }[];
  queues: string[];
  lastSeenAt: Date | null;
  /** Everything granted on it, this project's and other projects' together. */
  allocated: Capacity;
  allocatedOwn: Capacity;
};

export type PoolSummary = {
  machines: MachineView[];
  offline: Awaited<ReturnType<typeof offlineMachines>>;
  capacity: Capacity;
  allocated: Capacity;
  allocatedOwn: Capacity;
  byPool: PoolUsage;
  queued: number;
  /** This machine's real use: 1-minute load average (busy cores) and memory in use. */
  load: { cpuLoad: number; memoryUsedMb: number };
};

export async function poolSummary(db: Db, projectId: string): Promise<PoolSummary> {
  const machines = await poolMachines(db, projectId);
  const [granted, [queued], offline] = await Promise.all([
    db
      .select()
      .from(allocations)
      .where(
        and(
          eq(allocations.status, 'granted'),
          inArray(
            allocations.machineId,
            machines.map((m) => m.id),
          ),
        ),
      ),
    db
      .select({ n: count() })
      .from(allocations)
      .where(and(eq(allocations.projectId, projectId), eq(allocations.status, 'queued'))),
    offlineMachines(db, projectId),
  ]);
  const byPool: PoolUsage = { training: { ...ZERO }, inference: { ...ZERO } };
  const views: MachineView[] = machines.map((m) => {
    let allocated = ZERO;
    let allocatedOwn = ZERO;
    for (const a of granted.filter((g) => g.machineId === m.id)) {
      const need = needOf(a);
      allocated = addCap(allocated, need);
      if (a.projectId === projectId) {
        allocatedOwn = addCap(allocatedOwn, need);
        byPool[a.poolType] = addCap(byPool[a.poolType], need);
      }
    }
    return { ...m, allocated, allocatedOwn };
  });
  const sum = (pick: (m: MachineView) => Capacity) => views.reduce((acc, m) => addCap(acc, pick(m)), ZERO);
  return {
    machines: views,
    offline,
    capacity: sum((m) => m.capacity),
    allocated: sum((m) => m.allocated),
    allocatedOwn: sum((m) => m.allocatedOwn),
    byPool,
    queued: queued?.n ?? 0,
    load: { cpuLoad: os.loadavg()[0] ?? 0, memoryUsedMb: Math.round((os.totalmem() - os.freemem()) / 1024 / 1024) },
  };
}
