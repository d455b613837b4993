// Checkpoints of a training run: written to the content-addressed artefact store, indexed by step in the database.
import { readFile } from 'node:fs/promises';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { checkpoints } from '@/db/schema';
import { artifactPath, storeArtifact } from '@/server/artifacts/store';

export async function storeBytes(db: Db, o: { projectId: string; jobId: string; kind: string; bytes: Uint8Array }) {
  return storeArtifact(db, {
    projectId: o.projectId,
    jobId: o.jobId,
    kind: o.kind,
    contentType: 'application/octet-stream',
    body: (async function* () {
      yield o.bytes;
    })(),
  });
}

export async function saveCheckpoint(
  db: Db,
  o: { projectId: string; jobId: string; runId: string; step: number; trainLoss: number | null; bytes: Uint8Array },
) {
  const art = await storeBytes(db, { projectId: o.projectId, jobId: o.jobId, kind: 'checkpoint', bytes: o.bytes });
  await db.insert(checkpoints).values({ id: newId('ckpt'), runId: o.runId, step: o.step, sha256: art.sha256, sizeBytes: art.sizeBytes, trainLoss: o.trainLoss });
  return art;
}

/** The newest checkpoint of a run, read back, or null when the run has none yet. */
export async function latestCheckpoint(db: Db, runId: string): Promise<{ step: number; bytes: Buffer } | null> {
  const [row] = await db.select().from(checkpoints).where(eq(checkpoints.runId, runId)).orderBy(desc(checkpoints.step)).limit(1);
  if (!row) return null;
  return { step: row.step, bytes: await readFile(artifactPath(row.sha256)) };
}

export const listCheckpoints = (db: Db, runId: string) =>
  db.select().from(checkpoints).where(eq(checkpoints.runId, runId)).orderBy(desc(checkpoints.step));
