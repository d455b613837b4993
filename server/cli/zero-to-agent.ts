// `npm run factory -- zero-to-agent [--url URL]` (also `npm run flow`): the seed's complete example, headless, through
// the API of the app running at URL with the typed client: allocate, collect the demo interactions, clean, build the
// dataset, build and validate the math scenario, train, evaluate, and deploy on PASS — looping back to training with
// the failed cases at most twice on FAIL. Prints each step's ids and duration, and as its last line one JSON object
// {"verdict", "model_id", "deployment_id", "base_url", "model", "api_key"}. Exit 0 when deployed, 1 on FAIL or a
// failed step, 2 when nothing answers at URL.
import { connect, FactoryClientError, type FactoryClient } from '@/client';
import { createApiKeyBySignIn } from '@/client/sign-in';
import { seededRng } from '@/common/rng';
import { mathInteractions } from '@/server/data/demo/math';
import { DEMO_MATH_RECIPE } from '@/server/environment/seed';
import type { CliCommand } from './command';

const MAX_LOOPS = 2;
const DEMO_ADMIN = { email: 'admin@demo.agentfactory.dev', password: 'demo-admin-pass' };

type Timed = { step: string; seconds: number };

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The demo's own interactions (same ids as the seed's), so collecting them again on the demo project stores none twice. */
function demoInteractions() {
  return mathInteractions(seededRng(20250301), 3_600).map((x, i) => ({
    id: `seed-m${String(i + 1).padStart(4, '0')}`,
    agentId: 'math-agent',
    prompt: x.prompt,
    response: x.response,
    metadata: x.metadata,
  }));
}

/** The math scenario: a new one with the demo's recipe, or the latest version of the existing one. */
async function mathScenario(af: FactoryClient): Promise<string> {
  try {
    return (await af.createScenario({ name: 'math', recipe: DEMO_MATH_RECIPE })).scenarioId;
  } catch (err) {
    if (!(err instanceof FactoryClientError) || !/exists already/.test(err.message)) throw err;
    const options = await af.api.training.options.query({ projectId: af.projectId });
    const latest = options.scenarios.filter((s) => s.name === 'math').sort((a, b) => b.version - a.version)[0];
    if (!latest) throw err;
    return latest.id;
  }
}

async function mathTaskset(af: FactoryClient, scenarioId: string): Promise<string> {
  const all = await af.api.evaluation.tasksets.options.query({ projectId: af.projectId });
  const math = all.filter((t) => t.name === 'math').sort((a, b) => b.version - a.version);
  if (math[0]) return math[0].id;
  const made = await af.api.evaluation.tasksets.fromScenario.mutate({ projectId: af.projectId, name: 'math', scenarioId });
  return made.id;
}

/** Shortened training for smoke runs and tests (`--model-size tiny --epochs 1 --max-seconds 5`); the defaults are the trainer's. */
export type TrainingOverrides = { modelSize?: 'tiny' | 'small' | 'medium'; epochs?: number; maxSeconds?: number };

export async function zeroToAgent(o: {
  url: string;
  apiKey?: string;
  project: string;
  email: string;
  password: string;
  training?: TrainingOverrides;
  log: (l: string) => void;
}) {
  const { log } = o;
  const timeline: Timed[] = [];
  const step = async <T>(name: string, run: () => Promise<T>, describe: (r: T) => string): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    const seconds = (Date.now() - t0) / 1000;
    timeline.push({ step: name, seconds });
    log(`✓ ${name.padEnd(16)} ${describe(result)} (${seconds.toFixed(1)} s)`);
    return result;
  };
  const apiKey =
    o.apiKey ??
    (await createApiKeyBySignIn({
      baseUrl: o.url,
      email: o.email,
      password: o.password,
      projectId: o.project,
      name: `zero-to-agent ${new Date().toISOString()}`,
    }));
  const af = await connect({ baseUrl: o.url, apiKey, projectId: o.project });
  log(`project ${af.projectId} at ${af.baseUrl}`);

  const { allocationId } = await step(
    'allocate',
    () => af.allocate(),
    (r) => `${r.allocationId} (${r.outcome})`,
  );
  await step(
    'collect',
    () => af.collect(demoInteractions()),
    (r) => `${r.received} interactions: ${r.stored} new, ${r.duplicates} already there`,
  );
  await step(
    'clean',
    () => af.clean(),
    (r) => `${r.cleanRunId}: ${r.kept} kept, ${r.filtered} filtered, ${r.redacted} redacted`,
  );
  const ds = await step(
    'create dataset',
    () => af.createDataset({ name: 'math', agentId: 'math-agent' }),
    (r) => `${r.datasetId}: ${r.trainCount} train / ${r.validationCount} validation`,
  );
  const scenarioId = await step(
    'create scenario',
    () => mathScenario(af),
    (id) => id,
  );
  const validated = await step(
    'validate',
    () => af.validate(scenarioId),
    (r) => `${r.scenarioId} ${r.status}`,
  );
  if (validated.status !== 'passed') throw new FactoryClientError('precondition_failed', `${scenarioId} did not pass validation.`);
  const tasksetId = await mathTaskset(af, scenarioId);

  let datasetId = ds.datasetId;
  let sentBackBy: string | undefined;
  let model = { modelId: '', trainingRunId: '' };
  let verdict: Awaited<ReturnType<FactoryClient['evaluate']>> | null = null;
  for (let loop = 0; loop <= MAX_LOOPS; loop++) {
    const suffix = loop ? ` #${loop + 1}` : '';
    model = await step(
      `train${suffix}`,
      () =>
        af.train({ name: 'math-agent', datasetId, scenarioId, allocationId: loop ? undefined : allocationId, sentBackBy, ...o.training }),
      (r) => `${r.modelId} (run ${r.trainingRunId})`,
    );
    verdict = await step(
      `evaluate${suffix}`,
      () => af.evaluate({ modelId: model.modelId, tasksetId }),
      (r) =>
        `${r.evaluationRunId} on ${tasksetId}: ${r.verdict.toUpperCase()}, accuracy ${r.accuracy === null ? '—' : (r.accuracy * 100).toFixed(1) + '%'}`,
    );
    if (verdict.verdict === 'pass' || loop === MAX_LOOPS) break;
    log(`  FAIL: ${verdict.reasons.join('; ')}`);
    const back = await step(
      'back to training',
      () => af.backToTraining(verdict!.evaluationRunId),
      (r) => `${r.datasetId} (+${r.examples} failed cases)`,
    );
    datasetId = back.datasetId;
    sentBackBy = back.sentBackBy;
  }
  let deployment: { deploymentId: string; model: string; endpoint: string } | null = null;
  let deployError: string | null = null;
  if (verdict?.verdict === 'pass') {
    try {
      deployment = await step(
        'deploy',
        () => af.deploy({ modelId: model.modelId }),
        (r) => `${r.deploymentId} at ${r.endpoint}`,
      );
    } catch (err) {
      deployError = err instanceof Error ? err.message : String(err);
      log(`✗ deploy           ${deployError}`);
    }
  }
  log(
    `timeline: ${timeline.map((t) => `${t.step} ${t.seconds.toFixed(1)} s`).join(' · ')}; total ${timeline.reduce((s, t) => s + t.seconds, 0).toFixed(1)} s`,
  );
  return {
    ok: verdict?.verdict === 'pass' && !!deployment,
    result: {
      verdict: verdict?.verdict ?? null,
      model_id: model.modelId || null,
      deployment_id: deployment?.deploymentId ?? null,
      base_url: `${af.baseUrl}/api/v1`,
      model: deployment?.model ?? null,
      api_key: apiKey,
    },
  };
}

export const zeroToAgentCommand: CliCommand = {
  summary: "the seed's whole example through the running app's API: allocate … deploy (exit 2: no app at --url)",
  options: {
    url: { type: 'string' },
    project: { type: 'string' },
    'api-key': { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    'model-size': { type: 'string' },
    epochs: { type: 'string' },
    'max-seconds': { type: 'string' },
  },
  async run(flags) {
    const url = String(flags.url ?? process.env.AF_URL ?? 'http://localhost:3000').replace(/\/$/, '');
    if (!(await answers(url))) {
      console.error(`Nothing answers at ${url}. Start the app first (\`npm start\`, which serves http://localhost:3000), or pass --url.`);
      return 2;
    }
    try {
      const out = await zeroToAgent({
        url,
        apiKey: (flags['api-key'] as string | undefined) ?? process.env.AF_API_KEY,
        project: String(flags.project ?? 'proj_demo'),
        email: String(flags.email ?? DEMO_ADMIN.email),
        password: String(flags.password ?? DEMO_ADMIN.password),
        training: {
          modelSize: flags['model-size'] as TrainingOverrides['modelSize'],
          epochs: flags.epochs === undefined ? undefined : Number(flags.epochs),
          maxSeconds: flags['max-seconds'] === undefined ? undefined : Number(flags['max-seconds']),
        },
        log: (l) => console.log(l),
      });
      console.log(JSON.stringify(out.result));
      return out.ok ? 0 : 1;
    } catch (err) {
      console.error(`✗ ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  },
};
