// An engineer trains the math agent: starts a run (which requests its own compute), watches its curves grow live,
// opens the model card.
import { expect, test } from '@playwright/test';
import { PROJECT, signIn } from './support/demo';

test('a training run streams its loss curve live and registers a model with its lineage', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/training`);
  const form = page.getByRole('form', { name: 'Start training' });
  // Other journeys may have added datasets and validated scenarios before this one: choose the demo's explicitly.
  await form.getByLabel('Dataset version').selectOption('ds_math_v1');
  await form.getByLabel('Scenario').selectOption('scn_math_v1');
  await form.getByLabel('Run name').fill('e2e-math');
  // No trip to the Compute page: by default the run requests its own allocation.
  await expect(form.getByLabel('Allocation')).toHaveValue('');
  await form.getByLabel('Model size').selectOption('tiny');
  await form.getByLabel('Epochs').fill('6');
  await form.getByLabel('Time budget (seconds)').fill('60');
  await form.getByRole('button', { name: 'Start training' }).click();

  await expect(page).toHaveURL(/\/training\/runs\/train_/, { timeout: 60_000 });
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toBeVisible({ timeout: 60_000 });
  const first = Number(await chart.getAttribute('data-points'));
  // The curve grows while the run is still going: the page updates without a reload.
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(first);
  // Never wait for a transient message: on a fast machine the run may already be done.
  await expect(page.getByTestId('run-message')).toContainText(/Step \d+\/\d+ · loss|Done/);

  // Accuracy is a percentage: its axis runs 0–100 whatever the values so far.
  await expect(page.getByTestId('accuracy-chart')).toContainText('100%', { timeout: 150_000 });

  const model = page.getByRole('link', { name: /^model_/ });
  await expect(model).toBeVisible({ timeout: 150_000 });
  await model.click();
  const lineage = page.getByRole('definition');
  await expect(page.getByText('ds_math_v1')).toBeVisible();
  await expect(page.getByText('scn_math_v1')).toBeVisible();
  await expect(lineage.filter({ hasText: /^alloc_/ })).toHaveCount(1);
  await expect(page.getByTestId('model-accuracy')).toHaveText(/%$/);
});

test('a run with a bad input is refused beside the field', async ({ page }) => {
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/training`);
  const form = page.getByRole('form', { name: 'Start training' });
  await form.getByLabel('Epochs').fill('0');
  await form.getByRole('button', { name: 'Start training' }).click();
  await expect(form.locator('#run-epochs-error')).toHaveText('At least one epoch.');
});
