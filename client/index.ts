// The typed Agent Factory client: each factory's operations over HTTP with a project API key, named as the seed's flow
// names them (allocate, collect, clean, createDataset, createScenario, validate, train, evaluate, deploy, chat). It
// speaks the app's own tRPC API (typed by AppRouter, so a changed procedure breaks the build, not a script) and the
// public REST routes; long operations wait for their job and return what it made.
//
//   const af = await connect({ baseUrl: 'http://localhost:3000', apiKey: 'af_live_…' });
//   const { allocationId } = await af.allocate();
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@/server/routers/_app';

export type ClientOptions = {
  baseUrl: string;
  apiKey: string;
  /** The key's project; read from GET /api/v1/project when left out. */
  projectId?: string;
  /** How often a wait polls its job. */
  pollMs?: number;
  /** The longest a wait lasts before it gives up (the job keeps running). */
  timeoutMs?: number;
};

/** A refusal or failure, with the server's code (`precondition_failed`, `unavailable` …) and its own words. */
export class FactoryClientError extends Error {
  override name = 'FactoryClientError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Interaction = { id?: string; agentId: string; prompt: string; response: string; metadata?: Record<string, unknown> };
export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

const DONE = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * A read that met a dropped connection is sent again (a few times, a second apart): on the embedded default the
 * worker shares the server's process, and a busy job can stall it long enough for a kept-alive socket to be cut.
 */
async function retryNetwork<T>(read: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (err) {
      const network = err instanceof TRPCClientError && !err.data && /fetch failed|socket|ECONNRESET|other side closed/i.test(err.message);
      if (!network || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 1000 * i));
    }
  }
}

function wrap(err: unknown): never {
  if (err instanceof TRPCClientError) {
    const data = err.data as { code?: string; fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    // Input refusals carry one message per field: those read better than the validator's JSON.
    const fields = Object.entries(data?.fieldErrors ?? {}).filter(([, m]) => m?.length);
    const message = fields.length ? fields.map(([f, m]) => `${f}: ${m!.join('; ')}`).join(' · ') : err.message;
    throw new FactoryClientError((data?.code ?? 'error').toLowerCase(), message);
  }
  throw err;
}

export async function connect(o: ClientOptions) {
  const baseUrl = o.baseUrl.replace(/\/$/, '');
  const authorization = `Bearer ${o.apiKey}`;
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: () => ({ authorization }) })],
  });
  const rest = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { authorization, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string | { message?: string }; code?: string };
    if (!res.ok) {
      const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? `${res.status} ${res.statusText}`);
      throw new FactoryClientError(body.code ?? String(res.status), `${path}: ${message}`);
    }
    return body as T;
  };
  const projectId = o.projectId ?? (await rest<{ project: { id: string } | null }>('/api/v1/project')).project?.id;
  if (!projectId) throw new FactoryClientError('not_found', 'This API key belongs to no project.');
  const pollMs = o.pollMs ?? 500;
  const timeoutMs = o.timeoutMs ?? 30 * 60_000;
  const call = <T>(p: Promise<T>) => p.catch(wrap);

  /** Waits for a job to end; throws with its error unless it succeeded. */
  async function waitForJob(jobId: string, onProgress?: (progress: number, message: string | null) => void) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { job } = await call(retryNetwork(() => api.jobs.get.query({ projectId: projectId!, jobId })));
      onProgress?.(job.progress, job.message);
      if (DONE.has(job.status)) {
        if (job.status !== 'succeeded')
          throw new FactoryClientError('job_' + job.status, `Job ${jobId} ${job.status}: ${job.error ?? 'no reason given'}`);
        return job;
      }
      if (Date.now() > until) throw new FactoryClientError('timeout', `Job ${jobId} is still ${job.status} after ${timeoutMs / 1000}s.`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  const P = { projectId };
  return {
    projectId,
    baseUrl,
    api,
    waitForJob,

    /** Compute: a granted (or queued) allocation of the training pool. */
    async allocate(a: { resourceType?: 'cpu' | 'gpu'; count?: number; memoryMb?: number } = {}) {
      const out = await call(
        api.compute.request.mutate({
          ...P,
          poolType: 'training',
          resourceType: a.resourceType ?? 'cpu',
          count: a.count ?? 1,
          memoryMb: a.memoryMb ?? 1024,
          purpose: 'client',
        }),
      );
      if (out.outcome === 'refused') throw new FactoryClientError('precondition_failed', `No allocation: ${out.reason}`);
      return { allocationId: out.allocation.id, outcome: out.outcome };
    },

    /** Data: sends interactions to the events API, 1,000 a request; ids make a resend idempotent. */
    async collect(items: Interaction[]) {
      const counts = { received: 0, stored: 0, duplicates: 0, rejected: 0 };
      for (let i = 0; i < items.length; i += 1000) {
        const batch = items
          .slice(i, i + 1000)
          .map((x) => ({ id: x.id, agent_id: x.agentId, prompt: x.prompt, response: x.response, metadata: x.metadata }));
        const r = await rest<{ counts: typeof counts }>('/api/v1/events', { method: 'POST', body: JSON.stringify(batch) });
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r.counts[k];
      }
      return counts;
    },

    /** Data: cleans the events not cleaned yet (or all) and waits for the report. */
    async clean(c: { scope?: 'raw' | 'all' } = {}) {
      const run = await call(api.data.cleaning.start.mutate({ ...P, scope: c.scope ?? 'raw' }));
      await waitForJob(run.jobId!);
      const done = await call(api.data.cleaning.run.query({ ...P, runId: run.id }));
      return { cleanRunId: run.id, kept: done.kept, filtered: done.filtered, redacted: done.redacted };
    },

    /** Data: builds a dataset version from a filter over events and waits until it is ready. */
    async createDataset(d: {
      name: string;
      agentId?: string;
      source?: string;
      cleanedOnly?: boolean;
      seed?: number;
      validationFraction?: number;
    }) {
      const started = await call(
        api.data.datasets.create.mutate({
          ...P,
          name: d.name,
          filter: { agentId: d.agentId, source: d.source as never, cleanedOnly: d.cleanedOnly },
          seed: d.seed ?? 42,
          validationFraction: d.validationFraction ?? 0.1,
        }),
      );
      await waitForJob(started.job.id);
      const ds = await call(api.data.datasets.get.query({ ...P, datasetId: started.dataset.id }));
      return { datasetId: started.dataset.id, trainCount: ds.dataset.trainCount, validationCount: ds.dataset.validationCount };
    },

    /** Environment: a new scenario, with generated arithmetic cases when a recipe is given. */
    async createScenario(s: {
      name: string;
      type?: 'math_calculator' | 'qa_exact';
      description?: string;
      recipe?: Parameters<typeof api.environment.cases.generate.mutate>[0]['recipe'];
    }) {
      const created = await call(
        api.environment.scenarios.create.mutate({
          ...P,
          name: s.name,
          type: s.type ?? 'math_calculator',
          description: s.description ?? '',
        }),
      );
      if (!s.recipe) return { scenarioId: created.id, cases: 0 };
      const g = await call(api.environment.cases.generate.mutate({ ...P, scenarioId: created.id, recipe: s.recipe }));
      return { scenarioId: g.scenarioId, cases: g.added };
    },

    /** Environment: validates a scenario (reference solver, repeated runs) and says whether it passed. */
    async validate(scenarioId: string, v: { runs?: number } = {}) {
      const job = await call(api.environment.validate.mutate({ ...P, scenarioId, runs: v.runs ?? 3, seed: 1 }));
      await waitForJob(job.id);
      const detail = await call(api.environment.scenarios.get.query({ ...P, scenarioId }));
      return { scenarioId, status: detail.scenario.validationStatus };
    },

    /** Training: trains a model and waits until it is registered. */
    async train(
      t: { name: string; datasetId: string; scenarioId: string; allocationId?: string; base?: string; sentBackBy?: string } & Partial<{
        epochs: number;
        batchSize: number;
        learningRate: number;
        modelSize: 'tiny' | 'small' | 'medium';
        maxSeconds: number;
        seed: number;
      }>,
      onProgress?: (progress: number, message: string | null) => void,
    ) {
      const started = await call(api.training.start.mutate({ ...P, ...t, base: t.base ?? 'builtin:char-transformer' }));
      await waitForJob(started.jobId, onProgress);
      const run = await call(api.training.run.query({ ...P, runId: started.runId }));
      if (!run.run.modelId) throw new FactoryClientError('internal', `Training run ${started.runId} registered no model.`);
      return { trainingRunId: started.runId, modelId: run.run.modelId };
    },

    /** Evaluation: scores a model on a taskset and returns the gate's verdict with its reasons. */
    async evaluate(e: { modelId: string; tasksetId: string; adversarialCount?: number; seed?: number }) {
      const started = await call(
        api.evaluation.runs.start.mutate({
          ...P,
          tasksetId: e.tasksetId,
          subject: `model:${e.modelId}`,
          adversarialCount: e.adversarialCount,
          seed: e.seed,
        }),
      );
      await waitForJob(started.jobId);
      const { run } = await call(api.evaluation.runs.get.query({ ...P, runId: started.runId }));
      return {
        evaluationRunId: started.runId,
        verdict: run.verdict as 'pass' | 'fail',
        accuracy: run.scores?.accuracy.rate ?? null,
        reasons: run.gate?.reasons ?? [],
      };
    },

    /** Evaluation: a FAIL's failed cases into a new dataset version (built before this returns) for the next training. */
    async backToTraining(evaluationRunId: string) {
      const sent = await call(api.evaluation.runs.backToTraining.mutate({ ...P, runId: evaluationRunId }));
      await waitForJob(sent.datasetJobId);
      return { datasetId: sent.datasetId, examples: sent.examples, sentBackBy: sent.runId };
    },

    /** Runtime: deploys a model that passed its gate and waits until its pool is warm (status live). */
    async deploy(d: {
      modelId: string;
      name?: string;
    }): Promise<{ deploymentId: string; model: string; endpoint: string; version: number }> {
      const out = await call(api.runtime.deployments.deploy.mutate({ ...P, modelId: d.modelId, name: d.name }));
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { deployment } = await call(retryNetwork(() => api.runtime.deployments.get.query({ ...P, deploymentId: out.deploymentId })));
        if (deployment.status === 'live')
          return { deploymentId: out.deploymentId, model: deployment.name, endpoint: `${baseUrl}${out.endpoint}`, version: out.version };
        if (deployment.status !== 'starting')
          throw new FactoryClientError(
            'deploy_' + deployment.status,
            `Deployment ${out.deploymentId} is ${deployment.status}: ${deployment.statusReason ?? 'no reason given'}`,
          );
        if (Date.now() > until) throw new FactoryClientError('timeout', `Deployment ${out.deploymentId} is still starting.`);
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },

    /** Runtime: one chat completion from a deployment, through the OpenAI-compatible endpoint. */
    async chat(c: { model: string; messages: ChatMessage[] | string }) {
      const messages = typeof c.messages === 'string' ? [{ role: 'user' as const, content: c.messages }] : c.messages;
      const r = await rest<{ choices: { message: { content: string } }[] }>('/api/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: c.model, messages }),
      });
      return r.choices[0]?.message.content ?? '';
    },
  };
}

export type FactoryClient = Awaited<ReturnType<typeof connect>>;
