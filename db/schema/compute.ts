// Compute factory: allocations of the resource pool (granted, queued, ended) and utilisation samples over time.
// Capacity itself is not stored: it is read from this machine and from the `workers` rows remote machines announce.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, projectRef } from './columns';
import { jobs } from './jobs';

/** Pool types tag what an allocation is for; they share one capacity (why shared rather than split: server/compute/pool.ts). */
export const poolTypeEnum = pgEnum('pool_type', ['training', 'inference']);
export const resourceTypeEnum = pgEnum('resource_type', ['cpu', 'gpu']);
/**
 * `queued` waits for capacity; `granted` holds it; `released` gave it back; `cancelled` ended while still queued;
 * `failed`: the cluster's scheduler ended it (time limit, node failure…), with its reason in `endReason`.
 */
export const allocationStatusEnum = pgEnum('allocation_status', ['queued', 'granted', 'released', 'cancelled', 'failed']);
/** Where a pool's capacity is decided: the built-in scheduler (`local`: this machine and remote workers) or a cluster's. */
export const poolBackendEnum = pgEnum('pool_backend', ['slurm']);
export const clusterCredentialEnum = pgEnum('cluster_credential', ['token', 'jwt_key']);

/**
 * A cluster a project's allocations can run on, reached through its scheduler's REST API (slurmrestd). The credential
 * (a token, or the JWT signing key tokens are minted from) is sealed and bound to `url` (server/llm/sealed-secret.ts).
 * `lastPools` keeps the last good read, shown while the cluster is unreachable.
 */
export const clusters = pgTable(
  'clusters',
  {
    /** `clu_…` */
    id: text().primaryKey(),
    projectId: projectRef(),
    name: text().notNull(),
    backend: poolBackendEnum().notNull().default('slurm'),
    url: text().notNull(),
    userName: text().notNull(),
    credentialKind: clusterCredentialEnum().notNull(),
    credentialSealed: text(),
    credentialHint: text(),
    defaultPartition: text().notNull().default(''),
    /** The directory jobs start in on the cluster (shared storage); empty: the user's home on the node. */
    workDir: text().notNull().default(''),
    /**
     * Training on this cluster: the app's URL as its nodes reach it and the app's checkout on the nodes. With both set,
     * a training allocation's Slurm job runs our remote worker for that allocation; empty: it only holds the resources.
     */
    appUrl: text().notNull().default(''),
    appDir: text().notNull().default(''),
    lastOkAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    lastPools: jsonb().$type<unknown>(),
    lastReconciledAt: timestamp({ withTimezone: true }),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('clusters_name_idx').on(t.projectId, t.name)],
);

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
    /** Set for an allocation on a cluster pool: the cluster's scheduler decides it, not ours. Null: the local pool. */
    clusterId: text().references(() => clusters.id, { onDelete: 'set null' }),
    partition: text(),
    /** Cluster allocations ask for cores and GPUs together: `count` is the GPUs (or cores for a CPU-only job). */
    cpus: integer(),
    timeLimitMinutes: integer(),
    /** The Slurm job that is this allocation. */
    externalJobId: text(),
    /** The scheduler's own words: its job state and reason (`PENDING`/`Resources`), as last read. */
    externalState: text(),
    externalReason: text(),
    /** GPU indices on the node it got (Slurm's `gres_detail`, e.g. `gpu:1(IDX:0)`). */
    gpuIndices: jsonb().$type<number[]>(),
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
    index('allocations_cluster_idx')
      .on(t.clusterId)
      .where(sql`cluster_id is not null and status in ('queued', 'granted')`),
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
    /** The project's cluster pools together, as Slurm reported them (allocated by anyone on the cluster). */
    clusterCpus: integer().notNull().default(0),
    clusterCpusAllocated: integer().notNull().default(0),
    clusterGpus: integer().notNull().default(0),
    clusterGpusAllocated: integer().notNull().default(0),
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
export type Cluster = typeof clusters.$inferSelect;
export type ClusterCredentialKind = (typeof clusterCredentialEnum.enumValues)[number];
