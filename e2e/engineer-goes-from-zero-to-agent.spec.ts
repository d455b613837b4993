// An engineer follows the wizard from the project's landing page: one click per step on the demo's defaults, the run
// resumed after a reload, the gate's verdict, the deployment, and the agent answering 42+28 in the playground; then a shortened run that FAILs goes back to
// training with its failed cases and records the next iteration, and the run's report shows its timeline and lineage.
import { expect, test, type Page } from '@playwright/test';
import { PROJECT, signIn, trpcMutation, trpcQuery } from './support/demo';

const panel = (page: Page, step: string) => page.getByTestId(`step-panel-${step}`);

async function runStep(page: Page, step: string, label: string, timeout: number) {
  await panel(page, step)
    .getByRole('button', { name: `Start ${label}` })
    .click();
  await expect(panel(page, step)).toHaveAttribute('data-status', 'succeeded', { timeout });
  await expect(panel(page, step).getByTestId('step-produced')).toBeVisible();
}

async function firstThreeSteps(page: Page) {
  await runStep(page, 'compute', 'compute', 30_000);
  await expect(panel(page, 'compute').getByRole('link', { name: /^alloc_/ })).toBeVisible();
  await panel(page, 'compute').getByRole('button', { name: 'Next' }).click();
  await runStep(page, 'data', 'data', 120_000);
  await expect(panel(page, 'data').getByRole('link', { name: /^ds_math_v\d+$/ })).toBeVisible();
  await panel(page, 'data').getByRole('button', { name: 'Next' }).click();
  await runStep(page, 'environment', 'environment', 60_000);
  // The newest validated math scenario of the project (another journey may have built one before this).
  await expect(panel(page, 'environment').getByRole('link', { name: /^scn_\w+_v\d+$/ })).toBeVisible();
  await panel(page, 'environment').getByRole('button', { name: 'Next' }).click();
}

// Journeys share one app and database: hand back what a run still holds (a run that stops before training keeps its
// allocation), so the Compute and Training journeys after this one find the pool as they expect.
test.afterEach(async ({ page }) => {
  const res = await trpcQuery(page, 'compute.list', { projectId: PROJECT, status: ['granted', 'queued'], pageSize: 100 });
  if (!res.ok()) return;
  const rows = ((await res.json()) as { result: { data: { json: { rows: { id: string; purpose: string }[] } } } }).result.data.json.rows;
  for (const a of rows.filter((r) => r.purpose.startsWith('pipeline run')))
    await trpcMutation(page, 'compute.release', { projectId: PROJECT, allocationId: a.id });
});

test('from the landing page to a deployed agent that answers 42+28, one click per step, resumed after a reload', async ({ page }) => {
  test.setTimeout(600_000);
  await signIn(page, 'engineer');
  await expect(page).toHaveURL(`/p/${PROJECT}/wizard`);
  await expect(page.getByTestId('wizard-first')).toContainText('is ready to start');
  await page.getByRole('link', { name: 'Start the wizard' }).click();
  await expect(page).toHaveURL(/\/wizard\/run_/);
  const runUrl = page.url();

  await firstThreeSteps(page);
  // Training takes what the earlier steps made.
  await expect(panel(page, 'training')).toContainText(/alloc_/);
  await expect(panel(page, 'training')).toContainText(/ds_math_v\d+/);
  await panel(page, 'training').getByRole('button', { name: 'Start training' }).click();
  await expect(panel(page, 'training').getByTestId('step-progress')).toBeVisible({ timeout: 30_000 });

  // Leave and come back: the run continues where it was.
  await page.reload();
  await expect(page).toHaveURL(runUrl);
  await expect(page.locator('[data-step="compute"][data-status="succeeded"]')).toBeVisible();
  // After a reload the wizard opens where the run is; pick the training step to keep watching it.
  await page.locator('[data-step="training"]').click();
  await expect(panel(page, 'training')).toHaveAttribute('data-status', /running|succeeded/);
  await expect(panel(page, 'training')).toHaveAttribute('data-status', 'succeeded', { timeout: 360_000 });
  await expect(panel(page, 'training').getByRole('link', { name: /^model_/ })).toBeVisible();
  await panel(page, 'training').getByRole('button', { name: 'Next' }).click();

  await runStep(page, 'evaluation', 'evaluation', 240_000);
  await expect(panel(page, 'evaluation').locator('[data-artefact="verdict"]')).toContainText('PASS');
  await panel(page, 'evaluation').getByRole('button', { name: 'Next' }).click();
  // Deploy through the Runtime factory: the step is done once the sandbox pool is warm and the deployment live.
  await panel(page, 'runtime').getByLabel('Deployment name').fill('math-wizard');
  await runStep(page, 'runtime', 'runtime', 180_000);
  await expect(panel(page, 'runtime').getByRole('link', { name: /^deploy_/ })).toBeVisible();

  // The deployed agent answers in the playground.
  await page.goto(`/p/${PROJECT}/runtime/playground?name=math-wizard`);
  await page.getByLabel('Message').fill('What is 42+28?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('playground-reply')).toContainText('70', { timeout: 60_000 });
  await page.goto(runUrl);

  // Any step can be reopened to look at what it made.
  await page.locator('[data-step="data"]').click();
  await expect(panel(page, 'data').getByRole('link', { name: /^ds_math_v\d+$/ })).toBeVisible();
});

test('a FAIL goes back to training with the failed cases, and the report shows the iterations and the lineage', async ({ page }) => {
  test.setTimeout(600_000);
  await signIn(page, 'engineer');
  // After the first journey no run is open ("Start the wizard"); on its own the demo's ready run is ("Start a new run").
  await page.getByRole('button', { name: /^Start (the wizard|a new run)$/ }).click();
  await expect(page).toHaveURL(/\/wizard\/run_/);
  await firstThreeSteps(page);
  // A few seconds of a tiny model: too little to pass the gate.
  await panel(page, 'training').getByLabel('Size').selectOption('tiny');
  await panel(page, 'training').getByLabel('Epochs').fill('1');
  await panel(page, 'training').getByLabel('Time budget (s)').fill('5');
  await runStep(page, 'training', 'training', 180_000);
  await panel(page, 'training').getByRole('button', { name: 'Next' }).click();
  await panel(page, 'evaluation').getByLabel('Adversarial cases').fill('0');
  await runStep(page, 'evaluation', 'evaluation', 240_000);
  await expect(panel(page, 'evaluation').locator('[data-artefact="verdict"]')).toContainText('FAIL');

  await page.getByRole('button', { name: 'Back to training with the failed cases' }).click();
  await expect(page.getByTestId('iteration')).toHaveText('iteration 2');
  await expect(panel(page, 'training')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByRole('heading', { name: /Training.*iteration 2/ })).toBeVisible();
  await expect(panel(page, 'training').locator('[data-artefact="sentBackBy"]')).toContainText(/eval_/);

  await page.getByRole('link', { name: 'Timeline and lineage' }).click();
  await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('step-duration').first()).toHaveText(/\d/);
  await expect(page.getByRole('list', { name: 'Iterations' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('pipeline-loss-chart')).toBeVisible();
  const lineage = page.getByRole('list', { name: 'Lineage' });
  await expect(lineage.locator('[data-lineage="Model"]')).toContainText(/model_/);
  await expect(lineage.locator('[data-lineage="Dataset version"]')).toContainText(/ds_math_v\d+/);
  await expect(lineage.locator('[data-lineage="Events"]')).toContainText(/from seed/);

  // Back on the landing page, the runs list shows both runs with each step's status.
  await page.goto(`/p/${PROJECT}/wizard`);
  await expect(page.getByRole('table', { name: 'Pipeline runs' }).locator('tbody tr')).toHaveCount(2);
});
