// The `training.run` job: trains the built-in model on a dataset version, validates on the scenario's cases, streams
// loss and accuracy as job metrics, checkpoints as it goes, resumes from the last checkpoint when a worker died,
// and registers the finished model with its lineage.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { trainingRuns, type TrainingRun } from '@/db/schema';
import { loadDatasetExamples } from '@/server/data/datasets/read';
import { loadScenario } from '@/server/environment/scenarios';
import { defineJob, PermanentJobError, type JobContext } from '@/server/jobs/registry';
import { BUILTIN_BASE } from './bases';
import { latestCheckpoint, saveCheckpoint } from './checkpoints';
import { countParams, createTrainer, evaluateExactMatch, serializeCheckpoint, train, type TrainProgress } from './engine';
import { engineConfig } from './hyperparams';
import { registerModel } from './registry';
import { TRAINING_JOB } from './start';
import { reacquireAllocation } from './restart';

/** Scenario cases scored at each validation; enough for a stable figure, few enough to keep validation a small share of the run. */
const VALIDATION_CASES = 100;

export const trainingJob = defineJob({
  type: TRAINING_JOB,
  description: 'Trains a model on a dataset version and registers it with its lineage.',
  input: z.object({ runId: z.string().min(1) }),
  result: z.object({
    modelId: z.string(),
    steps: z.number().int(),
    stoppedBy: z.enum(['steps', 'time']),
    valAccuracy: z.number().nullable(),
  }),
  maxAttempts: 5,
  onRestart: reacquireAllocation,
  run: async (ctx) => {
    const run = await loadRun(ctx.db, ctx.job.projectId, ctx.input.runId);
    if (run.base !== BUILTIN_BASE) throw new PermanentJobError(`Base ${run.base} trains on a GPU worker, not in this process.`);
    const examples = await loadDatasetExamples(ctx.db, run.projectId, run.datasetId);
    const scenario = await loadScenario(ctx.db, run.projectId, run.scenarioId);
    const cases = scenario.cases.slice(0, VALIDATION_CASES).map((c) => ({ prompt: c.prompt, expected: c.expected }));

    const resume = await latestCheckpoint(ctx.db, run.id);
    const trainer = await createTrainer(
      resume ? { examples, resumeFrom: resume.bytes } : { examples, config: engineConfig(run.hyperParams), seed: run.hyperParams.seed },
    );
    try {
      await ctx.progress(
        trainer.step / Math.max(1, trainer.totalSteps),
        resume
          ? `Resumed from the checkpoint at step ${resume.step}`
          : `Training ${countParams(trainer.modelConfig).toLocaleString('en')} parameters on ${examples.train.length} examples`,
      );
      const reporter = metricsReporter(ctx);
      const result = await train(trainer, {
        maxSeconds: run.hyperParams.maxSeconds,
        signal: ctx.signal,
        progressEverySeconds: 1,
        validateEverySteps: run.hyperParams.validateEvery,
        // Without cases there is nothing to score, and the engine then skips building a policy at each validation.
        ...(cases.length > 0 && {
          onValidate: async ({ step, policy }) => {
            const { accuracy } = await evaluateExactMatch(policy, cases);
            await ctx.metrics([{ name: 'val_accuracy', step, value: accuracy }]);
            return { accuracy };
          },
        }),
        checkpointEverySteps: run.hyperParams.checkpointEvery,
        onCheckpoint: async (cp, step) => {
          const stored = await ctx.artifact({ kind: 'checkpoint', bytes: serializeCheckpoint(cp) });
          await saveCheckpoint(ctx.db, { runId: run.id, step, trainLoss: reporter.lastLoss(), stored });
        },
        onProgress: reporter.report,
      });

      await ctx.progress(0.99, 'Registering the model');
      const bytes = serializeCheckpoint(trainer.checkpoint(), { modelOnly: true });
      const art = await ctx.artifact({ kind: 'model', bytes });
      const model = await registerModel(ctx.db, {
        run,
        architecture: {
          ...trainer.modelConfig,
          tieEmbeddings: String(trainer.modelConfig.tieEmbeddings),
          parameters: countParams(trainer.modelConfig),
          engine: 'tfjs-wasm char transformer',
        },
        metrics: {
          steps: result.step,
          trainLoss: result.trainLoss,
          valLoss: result.valLoss ?? null,
          valAccuracy: result.metrics?.accuracy ?? null,
          tokensPerSec: result.tokensPerSec,
          wallSeconds: result.seconds,
        },
        sha256: art.sha256,
        sizeBytes: art.sizeBytes,
      });
      return { modelId: model.id, steps: result.step, stoppedBy: result.stoppedBy, valAccuracy: result.metrics?.accuracy ?? null };
    } finally {
      trainer.dispose();
    }
  },
});

async function loadRun(db: Db, projectId: string, runId: string): Promise<TrainingRun> {
  const [run] = await db
    .select()
    .from(trainingRuns)
    .where(and(eq(trainingRuns.projectId, projectId), eq(trainingRuns.id, runId)));
  if (!run) throw new PermanentJobError(`No training run ${runId} in this project.`);
  return run;
}

/** Turns the engine's progress reports into job progress and metric series; validation loss is recorded when it changes. */
function metricsReporter(ctx: JobContext<{ runId: string }>) {
  let lastLoss: number | null = null;
  let lastValLoss: number | undefined;
  return {
    lastLoss: () => lastLoss,
    report: async (p: TrainProgress) => {
      lastLoss = p.trainLoss;
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
