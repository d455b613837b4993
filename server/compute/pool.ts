// The resource pool, read from reality: this machine (OS counters, nvidia-smi) plus the remote workers that announced
// their capacity through the worker route and were seen recently.
//
// Pool types (`training`, `inference`) are tags on allocations against this one shared capacity, not a fixed split:
// on a 2-core machine a split would strand half the cores whenever nobody serves, and the flow trains and serves at
// different times. The page shows what each pool type holds, so a quota per type can be added later without moving data.
import 'server-only';
import os from 'node:os';
import { and, desc, eq, gt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { workers } from '@/db/schema';
import { localResources, type Gpu } from './local-resources';

export const LOCAL_MACHINE_ID = 'local';

/**
 * A remote worker counts only while it was seen in the last minute. Remote workers touch `last_seen_at` on every
 * claim poll and heartbeat (seconds apart), so a minute is many missed calls: long enough to ride out a slow poll,
 * short enough that a machine that went away stops being offered within one page refresh cycle.
 */
export const WORKER_FRESH_SECONDS = 60;

export type Capacity = { cpus: number; memoryMb: number; gpus: number };

export type Machine = {
  /** `local` for this machine, else the remote worker's id. */
  id: string;
  name: string;
  kind: 'local' | 'remote';
  /** Remote workers serve the project of their token; this machine serves every project. */
  projectId: string | null;
  capacity: Capacity;
  gpus: Gpu[];
  queues: string[];
  lastSeenAt: Date | null;
};

export const ZERO: Capacity = { cpus: 0, memoryMb: 0, gpus: 0 };

export async function localMachine(): Promise<Machine> {
  const r = await localResources();
  return {
    id: LOCAL_MACHINE_ID,
    name: `this machine (${os.hostname()})`,
    kind: 'local',
    projectId: null,
    capacity: { cpus: r.cpus, memoryMb: r.memoryMb, gpus: r.gpus.length },
    gpus: r.gpus,
    queues: ['default'],
    lastSeenAt: null,
  };
}

export const fresh = () => gt(workers.lastSeenAt, sql`now() - make_interval(secs => ${WORKER_FRESH_SECONDS})`);

/** This machine and the fresh remote workers: of one project, or of every project when the scheduler needs them all. */
export async function poolMachines(db: Db, projectId?: string): Promise<Machine[]> {
  const where: SQL[] = [eq(workers.kind, 'remote'), fresh()];
  if (projectId) where.push(eq(workers.projectId, projectId));
  const rows = await db
    .select()
    .from(workers)
    .where(and(...where))
    .orderBy(workers.createdAt);
  const remote: Machine[] = rows.map((w) => ({
    id: w.id,
    name: w.name,
    kind: 'remote',
    projectId: w.projectId,
    capacity: { cpus: w.resources.cpus, memoryMb: w.resources.memoryMb, gpus: w.resources.gpus.length },
    gpus: w.resources.gpus,
    queues: w.queues,
    lastSeenAt: w.lastSeenAt,
  }));
  return [await localMachine(), ...remote];
}

/** Remote workers of the project that went quiet within the last day: listed as offline, never counted. */
export async function offlineMachines(db: Db, projectId: string) {
  return db
    .select({ id: workers.id, name: workers.name, resources: workers.resources, lastSeenAt: workers.lastSeenAt })
    .from(workers)
    .where(
      and(
        eq(workers.kind, 'remote'),
        eq(workers.projectId, projectId),
        lte(workers.lastSeenAt, sql`now() - make_interval(secs => ${WORKER_FRESH_SECONDS})`),
        gt(workers.lastSeenAt, sql`now() - interval '1 day'`),
      ),
    )
    .orderBy(desc(workers.lastSeenAt))
    .limit(20);
}

export const addCap = (a: Capacity, b: Capacity): Capacity => ({
  cpus: a.cpus + b.cpus,
  memoryMb: a.memoryMb + b.memoryMb,
  gpus: a.gpus + b.gpus,
});
export const subCap = (a: Capacity, b: Capacity): Capacity => ({
  cpus: a.cpus - b.cpus,
  memoryMb: a.memoryMb - b.memoryMb,
  gpus: a.gpus - b.gpus,
});
export const fitsIn = (need: Capacity, room: Capacity) =>
  need.cpus <= room.cpus && need.memoryMb <= room.memoryMb && need.gpus <= room.gpus;
