// The `training.remote` job: fine-tunes a hosted base on a remote worker, with no database there. Its input carries the
// dataset rows and scenario cases (start.ts builds it); the worker's trainer adapter does the work, uploads a small
// JSON artefact describing the fine-tuned model, and completes with it. The factory then registers the model with its
// lineage in the completion's own transaction (onSucceeded), exactly as `training.run` does for the built-in base.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { artifacts, trainingRuns } from '@/db/schema';
import type { Job } from '@/server/jobs/queue';
import { defineJob, PermanentJobError } from '@/server/jobs/registry';
import { fieldError } from '@/server/domain-error';
import { registerModel } from '../registry';
import { adapterFor, configuredAdapters } from './adapters';
import { remoteTrainingInput, remoteTrainingResult, TRAINING_REMOTE_JOB, type RemoteTrainingResult } from './input';
import { reacquireAllocation } from '../restart';

export const remoteTrainingJob = defineJob({
  type: TRAINING_REMOTE_JOB,
  description: 'Fine-tunes a hosted base on a remote worker through its trainer adapter; the factory registers the model.',
  input: remoteTrainingInput,
  result: remoteTrainingResult,
  runsOn: 'anywhere',
  queue: 'gpu',
  maxAttempts: 3,
  onRestart: reacquireAllocation,
  unavailableHere: () =>
    configuredAdapters().size > 0 ? null : 'no trainer adapter is configured: set FINETUNE_API_URL (and FINETUNE_API_KEY).',
  run: async (ctx): Promise<RemoteTrainingResult> => {
    const adapter = adapterFor(ctx.input.base);
    const out = await adapter.train(ctx.input, {
      signal: ctx.signal,
      progress: ctx.progress,
      metrics: ctx.metrics,
      log: (line) => console.log(`[training.remote ${ctx.job.id}] ${line}`),
    });
    const metrics = {
      steps: out.steps,
      trainLoss: out.trainLoss,
      valLoss: out.valLoss,
      valAccuracy: out.valAccuracy,
      trainedTokens: out.trainedTokens,
      wallSeconds: out.wallSeconds,
    };
    await ctx.progress(0.99, `Fine-tuned ${out.fineTunedModel}: uploading its description`);
    // The weights stay with the provider; the artefact records where they are and what produced them.
    const description = {
      trainer: adapter.kind,
      provider: out.providerHost,
      providerJobId: out.providerJobId,
      fineTunedModel: out.fineTunedModel,
      base: ctx.input.base,
      providerModel: out.providerModel,
      runId: ctx.input.runId,
      hyperParams: ctx.input.hyperParams,
      examples: { train: ctx.input.examples.train.length, validation: ctx.input.examples.validation.length },
      metrics,
    };
    const artifact = await ctx.artifact({
      kind: 'model',
      contentType: 'application/json',
      bytes: new TextEncoder().encode(`${JSON.stringify(description, null, 2)}\n`),
    });
    return {
      trainer: adapter.kind,
      providerHost: out.providerHost,
      providerJobId: out.providerJobId,
      fineTunedModel: out.fineTunedModel,
      base: ctx.input.base,
      providerModel: out.providerModel,
      metrics,
      artifact,
    };
  },
  onSucceeded: registerRemoteModel,
});

/** Registers the model a remote worker fine-tuned; idempotent (a run already holding a model keeps it). */
export async function registerRemoteModel(db: Db, job: Job, result: unknown) {
  const parsed = remoteTrainingResult.safeParse(result);
  if (!parsed.success)
    throw new PermanentJobError(
      `training.remote completed with an unusable result: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const r = parsed.data;
  const { runId } = z.object({ runId: z.string() }).parse(job.input);
  const [run] = await db
    .select()
    .from(trainingRuns)
    .where(and(eq(trainingRuns.projectId, job.projectId), eq(trainingRuns.id, runId)));
  if (!run) throw new PermanentJobError(`No training run ${runId} in this project for job ${job.id}.`);
  if (run.modelId) return { ...r, modelId: run.modelId };
  // The artefact must be one this job uploaded, with the hash and size the worker reports.
  const [art] = await db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.id, r.artifact.artifactId), eq(artifacts.jobId, job.id)));
  if (!art || art.sha256 !== r.artifact.sha256 || art.sizeBytes !== r.artifact.sizeBytes) {
    // A refusal of this request, not of the work: the completion rolls back and the worker may send a corrected result.
    throw fieldError(
      'result.artifact',
      `Job ${job.id} names artefact ${r.artifact.artifactId}, which it did not upload (or not with that hash and size): upload it, then complete with the reply's artifactId, sha256 and sizeBytes.`,
    );
  }
  const model = await registerModel(db, {
    run,
    architecture: {
      engine: 'OpenAI-compatible fine-tuning API',
      trainer: r.trainer,
      provider: r.providerHost,
      providerJobId: r.providerJobId,
      providerModel: r.providerModel,
      fineTunedModel: r.fineTunedModel,
      ...(r.metrics.trainedTokens !== null ? { trainedTokens: r.metrics.trainedTokens } : {}),
    },
    metrics: {
      steps: r.metrics.steps,
      trainLoss: r.metrics.trainLoss,
      valLoss: r.metrics.valLoss,
      valAccuracy: r.metrics.valAccuracy,
      tokensPerSec: r.metrics.trainedTokens !== null && r.metrics.wallSeconds > 0 ? r.metrics.trainedTokens / r.metrics.wallSeconds : null,
      wallSeconds: r.metrics.wallSeconds,
    },
    sha256: r.artifact.sha256,
    sizeBytes: r.artifact.sizeBytes,
  });
  return { ...r, modelId: model.id };
}
