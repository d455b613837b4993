// Compute factory: allocations of the resource pool (granted, queued, ended) and utilisation samples over time.
// Capacity itself is not stored: it is read from this machine and from the `workers` rows remote machines announce.
import { sql } from 'drizzle-orm';
import { bigserial, doublePrecision, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, projectRef } from './columns';
import { jobs } from './jobs';

/** Pool types tag what an allocation is for; they share one capacity (why shared rather than split: server/compute/pool.ts). */
export const poolTypeEnum = pgEnum('pool_type', ['training', 'inference']);
export const resourceTypeEnum = pgEnum('resource_type', ['cpu', 'gpu']);
/** `queued` waits for capacity; `granted` holds it; `released` gave it back; `cancelled` ended while still queued. */
export const allocationStatusEnum = pgEnum('allocation_status', ['queued', 'granted', 'released', 'cancelled']);

export const allocations = pgTable(
  'allocations',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    /** Arrival order: FIFO within a priority, immune to timestamps that tie inside one transaction. */
    seq: bigserial({ mode: 'number' }).notNull(),
    poolType: poolTypeEnum().notNull(),
    resourceType: resourceTypeEnum().notNull(),
    /** CPU cores or whole GPUs, depending on `resourceType`. */
    count: integer().notNull(),
    memoryMb: integer().notNull(),
    /** Higher first; FIFO among equals. */
    priority: integer().notNull().default(0),
    status: allocationStatusEnum().notNull().default('queued'),
    /** The job this allocation is for: it is released when that job ends, fails or is cancelled. */
    jobId: text().references(() => jobs.id, { onDelete: 'set null' }),
    purpose: text().notNull().default(''),
    requestedBy: text(),
    /** Where it was granted: `local` (this machine) or a remote worker's id. */
    machineId: text(),
    machineName: text(),
    /** Why it ended (released by whom, its job finished…). */
    endReason: text(),
    /** The allocation this one was restarted from, for "restart" of ended ones. */
    restartedFrom: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    grantedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The scheduler walks active rows only: queued in (priority desc, seq) order, granted by machine.
    index('allocations_active_idx')
      .on(t.status, t.priority.desc(), t.seq)
      .where(sql`status in ('queued', 'granted')`),
    index().on(t.projectId, t.createdAt.desc()),
    index('allocations_job_idx')
      .on(t.jobId)
      .where(sql`job_id is not null and status in ('queued', 'granted')`),
  ],
);

export type PoolUsage = Record<'training' | 'inference', { cpus: number; memoryMb: number; gpus: number }>;

/** Capacity, allocation and real load of a project's pool at one moment, for the utilisation chart. */
export const computeSamples = pgTable(
  'compute_samples',
  {
    id: serial().primaryKey(),
    projectId: projectRef(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cpus: integer().notNull(),
    cpusAllocated: integer().notNull(),
    /** The 1-minute load average of this machine: cores really busy, allocated or not. */
    cpuLoad: doublePrecision().notNull(),
    memoryMb: integer().notNull(),
    memoryAllocatedMb: integer().notNull(),
    memoryUsedMb: integer().notNull(),
    gpus: integer().notNull(),
    gpusAllocated: integer().notNull(),
    /** This project's own allocations per pool type. */
    byPool: jsonb().$type<PoolUsage>().notNull(),
  },
  (t) => [index().on(t.projectId, t.at.desc())],
);

export type Allocation = typeof allocations.$inferSelect;
export type AllocationStatus = (typeof allocationStatusEnum.enumValues)[number];
export type PoolType = (typeof poolTypeEnum.enumValues)[number];
export type ResourceType = (typeof resourceTypeEnum.enumValues)[number];
export type ComputeSample = typeof computeSamples.$inferSelect;
