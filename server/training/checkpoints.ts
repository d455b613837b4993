// Checkpoints of a training run: uploaded by its job to the content-addressed artefact store (by a local or a remote
// worker), indexed here by step for the run page; the job's input names the one its next attempt resumes from.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { checkpoints } from '@/db/schema';
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
