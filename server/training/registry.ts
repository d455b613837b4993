// The model registry: a finished run registers an immutable model with its lineage, artefact and final metrics.
import 'server-only';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { jobMetrics, models, trainingRuns, type FinalMetrics, type TrainingRun } from '@/db/schema';
import { paged, type PageRequest } from '@/db/paging';

export async function registerModel(
  db: Db,
  o: { run: TrainingRun; architecture: Record<string, number | string>; metrics: FinalMetrics; sha256: string; sizeBytes: number },
) {
  return db.transaction(async (tx) => {
    const [model] = await tx
      .insert(models)
      .values({
        id: newId('model'),
        projectId: o.run.projectId,
        name: o.run.name,
        runId: o.run.id,
        jobId: o.run.jobId,
        base: o.run.base,
        datasetId: o.run.datasetId,
        scenarioId: o.run.scenarioId,
        allocationId: o.run.allocationId,
        hyperParams: o.run.hyperParams,
        architecture: o.architecture,
        metrics: o.metrics,
        sha256: o.sha256,
        sizeBytes: o.sizeBytes,
        createdBy: o.run.createdBy,
        sentBackBy: o.run.sentBackBy,
      })
      .returning();
    await tx.update(trainingRuns).set({ modelId: model!.id }).where(eq(trainingRuns.id, o.run.id));
    return model!;
  });
}

export function listModels(db: Db, projectId: string, request: PageRequest) {
  const where = eq(models.projectId, projectId);
  return paged(
    request,
    (limit, offset) => db.select().from(models).where(where).orderBy(desc(models.createdAt), desc(models.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(models).where(where),
  );
}

export async function getModel(db: Db, projectId: string, modelId: string) {
  const [model] = await db
    .select()
    .from(models)
    .where(and(eq(models.projectId, projectId), eq(models.id, modelId)));
  return model ?? null;
}

/** The training curves of several models, for overlaying them on one chart. */
export async function modelCurves(db: Db, projectId: string, modelIds: string[]) {
  if (modelIds.length === 0) return [];
  const rows = await db
    .select({ id: models.id, name: models.name, jobId: models.jobId })
    .from(models)
    .where(and(eq(models.projectId, projectId), inArray(models.id, modelIds)));
  const jobIds = rows.map((r) => r.jobId).filter((j): j is string => !!j);
  const points = jobIds.length
    ? await db
        .select({ jobId: jobMetrics.jobId, name: jobMetrics.name, step: jobMetrics.step, value: jobMetrics.value })
        .from(jobMetrics)
        .where(inArray(jobMetrics.jobId, jobIds))
        .orderBy(jobMetrics.step)
    : [];
  return rows.map((m) => ({ modelId: m.id, name: m.name, points: points.filter((p) => p.jobId === m.jobId) }));
}
