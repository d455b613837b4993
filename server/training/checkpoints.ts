// Checkpoints of a training run: written to the content-addressed artefact store, indexed by step in the database.
import 'server-only';
import { readFile } from 'node:fs/promises';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { checkpoints } from '@/db/schema';
import { artifactPath } from '@/server/artifacts/store';
import type { StoredArtifact } from '@/server/jobs/registry';

/** Indexes a checkpoint the job already stored as an artefact (JobContext.artifact). */
export async function saveCheckpoint(db: Db, o: { runId: string; step: number; trainLoss: number | null; stored: StoredArtifact }) {
  await db.insert(checkpoints).values({
    id: newId('ckpt'),
    runId: o.runId,
    step: o.step,
    sha256: o.stored.sha256,
    sizeBytes: o.stored.sizeBytes,
    trainLoss: o.trainLoss,
  });
}

/** A run's checkpoints, newest first. */
export const listCheckpoints = (db: Db, runId: string, limit: number) =>
  db.select().from(checkpoints).where(eq(checkpoints.runId, runId)).orderBy(desc(checkpoints.step)).limit(limit);

/** The newest checkpoint of a run, read back, or null when the run has none yet. */
export async function latestCheckpoint(db: Db, runId: string): Promise<{ step: number; bytes: Buffer } | null> {
  const [row] = await listCheckpoints(db, runId, 1);
  if (!row) return null;
  return { step: row.step, bytes: await readFile(artifactPath(row.sha256)) };
}
