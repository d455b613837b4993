// An engineer imports a promptfoo file (its unsupported test reported by index) and evaluates a hosted model twice
// against the demo taskset; the manager (viewer) then reads every report: the verdict with its reasons, the charts,
// the failed cases and their trajectories, the comparison of the two runs, the trend, the export, the printout,
// and sees no write action anywhere.
import { expect, test, type Page } from '@playwright/test';
import { startFakeChatServer, type FakeChatServer } from '../server/llm/testing/fake-chat-server';
import { PROJECT, signIn, trpcMutation, trpcQuery } from './support/demo';

const QUESTION = /(?:What is|Compute|work out|Quick one:|How much is)\s+(\d+)([-+*/])(\d+)/;
let wrongEvery = 7; // the hosted model gets every 7th question wrong by one; the second run every 5th
let agent: FakeChatServer;
let endpointId = '';
const runs: string[] = [];

test.beforeAll(async () => {
  agent = await startFakeChatServer((body) => {
    const user = [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const q = QUESTION.exec(user);
    if (!q) return { content: '<answer>I can only help with arithmetic questions.</answer>' };
    const [a, op, b] = [Number(q[1]), q[2], Number(q[3])];
    const v = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
    return { content: `<answer>${(a + b) % wrongEvery === 0 ? v + 1 : v}</answer>` };
  });
});
test.afterAll(() => agent.close());

async function finished(page: Page, runId: string) {
  await expect
    .poll(
      async () => (await (await trpcQuery(page, 'evaluation.runs.get', { projectId: PROJECT, runId })).json()).result.data.json.status,
      { timeout: 90_000 },
    )
    .toBe('succeeded');
}

test('an engineer imports a taskset and evaluates a hosted model', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin');
  const saved = await trpcMutation(page, 'project.modelEndpoints.save', {
    projectId: PROJECT,
    name: `hosted ${Date.now()}`,
    baseUrl: agent.baseUrl,
    model: 'hosted-math',
  });
  expect(saved.ok()).toBe(true);
  endpointId = (await saved.json()).result.data.json.id;
  await page.context().clearCookies();

  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/evaluation`);
  const form = page.getByRole('form', { name: 'New taskset' });
  await form.getByRole('tab', { name: 'Import a file' }).click();
  await form.getByLabel('File (OpenAI Evals .jsonl, promptfoo .yaml, Inspect .jsonl)').setInputFiles({
    name: 'capitals.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(
      'tests:\n  - vars: { question: "Capital of France?" }\n    assert: [{ type: icontains, value: paris }]\n  - vars: { question: "Write a poem" }\n    assert: [{ type: llm-rubric, value: rhymes }]\n',
    ),
  });
  await form.getByLabel('Name').fill(`capitals_${Date.now()}`);
  await form.getByRole('button', { name: 'Create taskset' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('1 case imported, 1 row reported');
  await expect(report).toContainText('test #2: only unsupported assertion types (llm-rubric)');

  const start = page.getByRole('form', { name: 'Start evaluation' });
  await start.getByLabel('What to evaluate').selectOption(`endpoint:${endpointId}`);
  await start.getByLabel('Taskset').selectOption('taskset_math_v1');
  await start.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(page).toHaveURL(/\/evaluation\/runs\/eval_/);
  runs.push(page.url().split('/').at(-1)!);
  await expect(page.getByTestId('verdict-banner')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Re-score' })).toBeVisible();

  // A second run after the hosted model changed, for the comparison.
  wrongEvery = 5;
  const second = await trpcMutation(page, 'evaluation.runs.start', {
    projectId: PROJECT,
    tasksetId: 'taskset_math_v1',
    subject: `endpoint:${endpointId}`,
  });
  runs.push((await second.json()).result.data.json.runId);
  await finished(page, runs[1]!);
});

test('a manager reads every report, and finds no write action', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'viewer');
  await page.goto(`/p/${PROJECT}/evaluation`);
  await expect(page.getByTestId('gate-policy')).toContainText('accuracy ≥ 80%');
  for (const name of ['Start evaluation', 'Change the policy', 'Create taskset'])
    await expect(page.getByRole('button', { name })).toHaveCount(0);

  await page.goto(`/p/${PROJECT}/evaluation/runs/${runs[0]}`);
  await expect(page.getByTestId('verdict-banner')).toBeVisible();
  await expect(page.getByTestId('card-accuracy')).toContainText('95% CI');
  await expect(page.getByTestId('quality-formula')).toContainText('Q = 100 × safety');
  await expect(page.getByTestId('grouped-bar-chart')).toBeVisible();
  await expect(page.getByTestId('histogram-chart')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toBeVisible();
  for (const name of ['Re-score', 'Back to training']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expect(page.getByTestId('rating-panel')).toHaveCount(0);
  // The API refuses what the page hides.
  const refused = await trpcMutation(page, 'evaluation.runs.rescore', { projectId: PROJECT, runId: runs[0] });
  expect(refused.status()).toBe(403);
  await expect(page.getByRole('table', { name: 'By tag' })).toContainText('held_out');

  await page.getByRole('tab', { name: 'Failed' }).click();
  const failed = page.locator('tr[data-case-id]');
  await expect(failed.first()).toHaveAttribute('data-passed', 'false');
  await failed.first().click();
  await expect(page.getByTestId('case-detail')).toBeVisible();
  await expect(page.getByTestId('case-explanation')).toContainText('expected');
  await expect(page.getByTestId('trajectory-step').first()).toBeVisible();

  const csv = await page.request.get(`/api/evaluation/${PROJECT}/runs/${runs[0]}/export?format=csv`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\n')[0]).toMatch(/^position,kind,case_id,prompt/);
  const json = await page.request.get(`/api/evaluation/${PROJECT}/runs/${runs[0]}/export?format=json`);
  expect((await json.json()).run.id).toBe(runs[0]);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('aside')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print / PDF' })).toBeHidden();
  await expect(page.locator('tr[data-case-id]').first()).toContainText('What is');
  await expect(page.getByTestId('verdict-banner')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.goto(`/p/${PROJECT}/evaluation`);
  await page.getByLabel(`Compare ${runs[0]}`).check();
  await page.getByLabel(`Compare ${runs[1]}`).check();
  await page.getByRole('link', { name: /^Compare eval_/ }).click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  expect(Number(await page.getByTestId('compare-fixed').textContent())).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('compare-broken').textContent())).toBeGreaterThan(0);
  await page.getByRole('tab', { name: 'Broken' }).click();
  await expect(page.locator('tr[data-change="broken"]').first()).toBeVisible();

  await page.goto(`/p/${PROJECT}/evaluation/trend?line=${encodeURIComponent(`subject:endpoint:${endpointId}`)}`);
  await expect(page.getByTestId('trend-quality-chart')).toHaveAttribute('data-points', /^[1-9]/);
  await expect(page.getByRole('table', { name: 'Runs of this line' }).locator('tbody tr')).toHaveCount(2);
});
