// The `training.run` job: trains the built-in model on the rows its input carries, validates on the scenario's cases,
// streams loss and accuracy as job metrics, uploads checkpoints as it goes and resumes from the last one when a worker
// died, and uploads the final model. It never touches the database, so a local worker and a remote one (over the
// worker route) run it alike; the server indexes each checkpoint (onArtifact) and registers the model with its lineage
// in the completion's transaction (onSucceeded).
import 'server-only';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { artifacts, jobMetrics, jobs, trainingRuns } from '@/db/schema';
import { fieldError } from '@/server/domain-error';
import type { Job } from '@/server/jobs/queue';
import { defineJob, PermanentJobError, type JobContext, type StoredJobArtifact } from '@/server/jobs/registry';
import { saveCheckpoint } from './checkpoints';
import type { TrainProgress } from './engine';
import { loadEngine } from './engine/load';
import { engineConfig, withIntervals } from './hyperparams';
import { belowBaselineWarning } from '@/common/training-baseline';
import { registerModel } from './registry';
import { reacquireAllocation } from './restart';
import { TRAINING_JOB, trainingRunInput, trainingRunResult, type TrainingRunInput, type TrainingRunResult } from './run-input';

export const trainingJob = defineJob({
  type: TRAINING_JOB,
  description: 'Trains the built-in model on the rows its input carries; the factory registers the model with its lineage.',
  input: trainingRunInput,
  result: trainingRunResult,
  runsOn: 'anywhere',
  maxAttempts: 5,
  onRestart: reacquireAllocation,
  onArtifact: indexCheckpoint,
  onSucceeded: registerBuiltinModel,
  run: async (ctx): Promise<TrainingRunResult> => {
    const { examples, cases, hyperParams, resumeFrom } = ctx.input;
    const resume = resumeFrom ? await ctx.readArtifact(resumeFrom) : null;
    const { countParams, createTrainer, evaluateExactMatch, serializeCheckpoint, train } = await loadEngine();
    const trainer = await createTrainer(
      resume ? { examples, resumeFrom: resume } : { examples, config: engineConfig(hyperParams), seed: hyperParams.seed },
    );
    try {
      await ctx.progress(
        trainer.step / Math.max(1, trainer.totalSteps),
        resumeFrom
          ? `Resumed from the checkpoint at step ${resumeFrom.step}`
          : `Training ${countParams(trainer.modelConfig).toLocaleString('en')} parameters on ${examples.train.length} examples`,
      );
      const reporter = metricsReporter(ctx);
      // start.ts fills both in; an input written by hand may leave them out, and they then scale to the run's length.
      const intervals = withIntervals(hyperParams, examples.train.length);
      const result = await train(trainer, {
        maxSeconds: hyperParams.maxSeconds,
        signal: ctx.signal,
        progressEverySeconds: 1,
        validateEverySteps: hyperParams.validateEvery ?? intervals.validateEvery,
        // Without cases there is nothing to score, and the engine then skips building a policy at each validation.
        ...(cases.length > 0 && {
          onValidate: async ({ step, policy }) => {
            const { accuracy } = await evaluateExactMatch(policy, cases);
            await ctx.metrics([{ name: 'val_accuracy', step, value: accuracy }]);
            return { accuracy };
          },
        }),
        checkpointEverySteps: hyperParams.checkpointEvery ?? intervals.checkpointEvery,
        onCheckpoint: async (cp, step) => {
          await ctx.artifact({ kind: 'checkpoint', bytes: serializeCheckpoint(cp), step });
        },
        onProgress: reporter.report,
      });

      await ctx.progress(0.99, 'Uploading the model');
      const model = await ctx.artifact({ kind: 'model', bytes: serializeCheckpoint(trainer.checkpoint(), { modelOnly: true }) });
      const finite = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : null);
      return {
        model,
        architecture: {
          ...trainer.modelConfig,
          tieEmbeddings: String(trainer.modelConfig.tieEmbeddings),
          parameters: countParams(trainer.modelConfig),
          engine: 'tfjs-wasm char transformer',
        },
        metrics: {
          steps: result.step,
          trainLoss: finite(result.trainLoss),
          valLoss: finite(result.valLoss),
          valAccuracy: finite(result.metrics?.accuracy),
          tokensPerSec: finite(result.tokensPerSec),
          wallSeconds: result.seconds,
        },
        stoppedBy: result.stoppedBy,
        resumedFromStep: resumeFrom?.step ?? null,
      };
    } finally {
      trainer.dispose();
    }
  },
});

const runIdOf = (job: Job) => z.object({ runId: z.string() }).parse(job.input).runId;

async function loadRun(db: Db, job: Job) {
  const runId = runIdOf(job);
  const [run] = await db
    .select()
    .from(trainingRuns)
    .where(and(eq(trainingRuns.projectId, job.projectId), eq(trainingRuns.id, runId)));
  if (!run) throw new PermanentJobError(`No training run ${runId} in this project for job ${job.id}.`);
  return run;
}

/**
 * A checkpoint was stored (by a local or a remote worker): index it for the run page, and make it the one the job's
 * next attempt resumes from, by writing its reference into the job's own input.
 */
async function indexCheckpoint(db: Db, job: Job, art: StoredJobArtifact) {
  if (art.kind !== 'checkpoint' || art.step === null) return;
  const run = await loadRun(db, job);
  const [loss] = await db
    .select({ value: jobMetrics.value })
    .from(jobMetrics)
    .where(and(eq(jobMetrics.jobId, job.id), eq(jobMetrics.name, 'train_loss'), lte(jobMetrics.step, art.step)))
    .orderBy(desc(jobMetrics.step))
    .limit(1);
  await saveCheckpoint(db, { runId: run.id, step: art.step, trainLoss: loss?.value ?? null, stored: art });
  const ref = { artifactId: art.artifactId, sha256: art.sha256, step: art.step };
  await db
    .update(jobs)
    .set({ input: sql`jsonb_set(${jobs.input}, '{resumeFrom}', ${JSON.stringify(ref)}::jsonb)` })
    .where(eq(jobs.id, job.id));
}

/** Registers the model the worker trained; idempotent (a run already holding a model keeps it). */
export async function registerBuiltinModel(db: Db, job: Job, result: unknown) {
  const parsed = trainingRunResult.safeParse(result);
  if (!parsed.success) throw new PermanentJobError(`training.run completed with an unusable result: ${parsed.error.message}`);
  const r = parsed.data;
  const run = await loadRun(db, job);
  // The baseline comes from the job's input, which the server wrote: a worker cannot claim a better one.
  const baselineAccuracy = z.object({ baselineAccuracy: z.number().nullable().default(null) }).parse(job.input).baselineAccuracy;
  const metrics = { ...r.metrics, baselineAccuracy };
  const summary = {
    steps: r.metrics.steps,
    stoppedBy: r.stoppedBy,
    valAccuracy: r.metrics.valAccuracy,
    baselineAccuracy,
    warning: belowBaselineWarning(metrics),
    resumedFromStep: r.resumedFromStep,
  };
  if (run.modelId) return { modelId: run.modelId, ...summary };
  const [art] = await db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.id, r.model.artifactId), eq(artifacts.jobId, job.id), eq(artifacts.kind, 'model')));
  if (!art || art.sha256 !== r.model.sha256 || art.sizeBytes !== r.model.sizeBytes) {
    // A refusal of this request, not of the work: the completion rolls back and the worker may send a corrected result.
    throw fieldError(
      'result.model',
      `Job ${job.id} names model artefact ${r.model.artifactId}, which it did not upload as kind "model" (or not with that hash and size).`,
    );
  }
  const model = await registerModel(db, {
    run,
    architecture: r.architecture,
    metrics,
    sha256: art.sha256,
    sizeBytes: art.sizeBytes,
  });
  return { modelId: model.id, ...summary };
}

/** Turns the engine's progress reports into job progress and metric series; validation loss is recorded when it changes. */
function metricsReporter(ctx: JobContext<TrainingRunInput>) {
  let lastValLoss: number | undefined;
  return {
    report: async (p: TrainProgress) => {
      const points = [
        { name: 'train_loss', step: p.step, value: p.trainLoss },
        { name: 'tokens_per_sec', step: p.step, value: p.tokensPerSec },
      ];
      if (p.valLoss !== undefined && p.valLoss !== lastValLoss) {
        lastValLoss = p.valLoss;
        points.push({ name: 'val_loss', step: p.step, value: p.valLoss });
      }
      await ctx.metrics(points.filter((pt) => Number.isFinite(pt.value)));
      const acc = p.metrics?.accuracy !== undefined ? ` · accuracy ${(p.metrics.accuracy * 100).toFixed(0)}%` : '';
      await ctx.progress(
        Math.min(0.98, p.step / Math.max(1, p.totalSteps)),
        `Step ${p.step}/${p.totalSteps} · loss ${p.trainLoss.toFixed(3)}${acc} · ETA ${formatEta(p.etaSeconds)}`,
      );
    },
  };
}

function formatEta(s: number): string {
  if (!Number.isFinite(s)) return '—';
  return s < 60 ? `${Math.round(s)}s` : `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;
}
