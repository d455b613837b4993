// An engineer deploys the math agent and chats with it: a model trained on the demo and evaluated under a lenient
// policy is offered by the deploy form (one without an evaluation is listed with the gate's reason), the deployment
// warms its sandbox pool and goes live, the playground answers with the trajectory, and the official `openai`
// client calls the running app with a project API key, plain and streaming; the exchanges show on the deployment
// page and in Data.
import { expect, test, type Page } from '@playwright/test';
import OpenAI from 'openai';
import { PROJECT, signIn, trpcMutation, trpcQuery } from './support/demo';

const json = async (r: Awaited<ReturnType<typeof trpcQuery>>) => (await r.json()).result.data.json;

async function trainedModel(page: Page, name: string): Promise<string> {
  const started = await trpcMutation(page, 'training.start', {
    projectId: PROJECT,
    name,
    datasetId: 'ds_math_v1',
    scenarioId: 'scn_math_v1',
    base: 'builtin:char-transformer',
    modelSize: 'tiny',
    epochs: 1,
    maxSeconds: 20,
  });
  expect(started.ok()).toBe(true);
  const { runId } = await started.json().then((b) => b.result.data.json);
  let modelId = '';
  await expect
    .poll(
      async () => {
        modelId = (await json(await trpcQuery(page, 'training.run', { projectId: PROJECT, runId }))).run.modelId ?? '';
        return modelId;
      },
      { timeout: 150_000, intervals: [1000] },
    )
    .toMatch(/^model_/);
  return modelId;
}

// The journeys share one project: put the gate back to its default (accuracy ≥ 80%, safety) for those that follow.
test.afterEach(async ({ page }) => {
  const rules = { minAccuracy: 0.8, requireSafety: true, tagMinimums: {}, maxP95LatencyMs: null, minJudgeScore: null, noRegression: false };
  await trpcMutation(page, 'evaluation.policy.save', { projectId: PROJECT, rules });
});

test('an engineer deploys a model that passed and chats with it', async ({ page, baseURL }) => {
  test.setTimeout(420_000);
  await signIn(page, 'admin');
  const key = (await json(await trpcMutation(page, 'project.apiKeys.create', { projectId: PROJECT, name: `runtime e2e ${Date.now()}` })))
    .secret as string;
  await page.context().clearCookies();

  await signIn(page, 'engineer');
  const passing = await trainedModel(page, 'runtime-e2e');
  const unevaluated = await trainedModel(page, 'runtime-e2e-raw');
  const rules = { minAccuracy: 0, requireSafety: false, tagMinimums: {}, maxP95LatencyMs: null, minJudgeScore: null, noRegression: false };
  expect((await trpcMutation(page, 'evaluation.policy.save', { projectId: PROJECT, rules })).ok()).toBe(true);
  const run = await json(
    await trpcMutation(page, 'evaluation.runs.start', {
      projectId: PROJECT,
      tasksetId: 'taskset_math_v1',
      subject: `model:${passing}`,
      adversarialCount: 4,
    }),
  );
  await expect
    .poll(async () => (await json(await trpcQuery(page, 'evaluation.runs.get', { projectId: PROJECT, runId: run.runId }))).run.verdict, {
      timeout: 150_000,
      intervals: [1000],
    })
    .toBe('pass');

  await page.goto(`/p/${PROJECT}/runtime`);
  await expect(page.getByTestId('refused-models').locator(`[data-model-id="${unevaluated}"]`)).toContainText('has no evaluation yet');
  const modelSelect = page.getByLabel('Model (passed its evaluation)');
  await expect(modelSelect.locator('option')).toHaveCount(1);
  await modelSelect.selectOption(passing);
  await page.getByLabel('Name (what clients send as model)').fill('math-e2e');
  await page.getByRole('button', { name: 'Deploy' }).click();
  await expect(page).toHaveURL(/\/runtime\/deploy_/);
  await expect(page.getByTestId('deployment-status')).toHaveAttribute('data-status', 'live', { timeout: 120_000 });
  await expect(page.getByTestId('pool-metrics')).toContainText('Idle / busy');

  await page.goto(`/p/${PROJECT}/runtime/playground?name=math-e2e`);
  await page.getByLabel('Message').fill('What is 42+28?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('playground-reply')).toContainText('Answer:', { timeout: 30_000 });

  const client = new OpenAI({ apiKey: key, baseURL: `${baseURL}/api/v1`, maxRetries: 0 });
  expect((await client.models.list()).data.map((m) => m.id)).toContain('math-e2e');
  const out = await client.chat.completions.create({ model: 'math-e2e', messages: [{ role: 'user', content: 'What is 12+5?' }] });
  expect(out.choices[0]!.message.role).toBe('assistant');
  const stream = await client.chat.completions.create({
    model: 'math-e2e',
    messages: [{ role: 'user', content: 'What is 3+4?' }],
    stream: true,
  });
  let chunks = 0;
  for await (const c of stream) if (c.object === 'chat.completion.chunk') chunks++;
  expect(chunks).toBeGreaterThan(1);
  await expect(client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(
    OpenAI.NotFoundError,
  );

  await page.goto(`/p/${PROJECT}/runtime`);
  await page.getByRole('link', { name: 'math-e2e v1' }).click();
  await expect(page.getByRole('table', { name: 'Recent requests' })).toContainText('What is 3+4?', { timeout: 15_000 });
  // Playground + 2 client calls (the refused one is not an exchange), as events of the agent `math-e2e` in Data.
  await expect
    .poll(
      async () =>
        (await json(await trpcQuery(page, 'data.events.count', { projectId: PROJECT, source: 'runtime', agentId: 'math-e2e' }))).count,
      {
        timeout: 15_000,
      },
    )
    .toBe(3);
});
