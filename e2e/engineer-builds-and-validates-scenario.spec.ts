// An engineer builds the seed's scenario (3+7? → 10, 20-8? → 12) by pasting, validates it and reads the report, runs
// the baseline and watches it finish, then opens a trajectory and steps through it by button and by keyboard.
import { expect, test } from '@playwright/test';
import { PROJECT, signIn } from './support/demo';

test('engineer builds, validates and runs a scenario, then steps through a trajectory', async ({ page }) => {
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/environment`);
  await expect(page.locator('tr[data-scenario-id="scn_math_v1"]')).toBeVisible();

  // Build: name, type, then the seed's two cases through the paste box (one bad line is reported, not added).
  await page.getByLabel('Name').fill('seed_math');
  await page.getByLabel('Type').selectOption('math_calculator');
  await page.getByLabel('Description').fill("The seed's examples");
  await page.getByRole('button', { name: 'Create scenario' }).click();
  await expect(page).toHaveURL(/\/environment\/scn_seed_math_v1/);
  await expect(page.getByTestId('scenario-id')).toHaveText('scn_seed_math_v1');
  await page.locator('#paste-text').fill('3+7? => 10\n20-8? => 12\nthis line has no answer');
  await page.getByRole('button', { name: 'Add pasted cases' }).click();
  await expect(page.getByTestId('paste-result')).toContainText('Added 2 cases; 1 line not added');
  await expect(page.getByRole('list', { name: 'Lines not added' })).toContainText('Line 3: expected "prompt => expected answer"');
  const cases = page.getByRole('table', { name: 'Test cases' });
  await expect(cases.locator('tr[data-case-position]')).toHaveCount(2);
  await expect(cases).toContainText('20-8?');

  // Validate: the report shows every check and the baseline's stable pass rate.
  await page.getByRole('tab', { name: 'Validation' }).click();
  await page.getByRole('button', { name: 'Validate' }).click();
  const report = page.getByTestId('validation-report');
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report.locator('[data-check="reference"]')).toHaveAttribute('data-outcome', 'passed');
  await expect(report.locator('[data-check="stability"]')).toContainText(
    '3 baseline runs (seeds 1, 2, 3) gave the same results: pass rate 50%, spread 0',
  );
  await expect(page.getByTestId('validation-badge').first()).toHaveAttribute('data-status', 'passed');

  // Run the baseline and watch it finish.
  await page.getByRole('tab', { name: 'Runs' }).click();
  await expect(page.getByTestId('empty-state')).toContainText('No runs yet');
  await page.getByLabel('Agent', { exact: true }).selectOption('baseline');
  await page.getByRole('button', { name: 'Start run' }).click();
  const row = page.locator('tr[data-run-id]').first();
  await expect(row.getByRole('progressbar')).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'succeeded', { timeout: 20_000 });
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(row.getByTestId('run-pass-rate')).toHaveText('50% (1/2)');

  // Open the run, then the trajectory of "3+7?", and step through it.
  await row.locator('a').first().click();
  await expect(page.getByTestId('run-message')).toContainText('Done');
  await page.getByRole('link', { name: '3+7?' }).click();
  await expect(page.getByTestId('trajectory-prompt')).toHaveText('3+7?');
  await expect(page.getByTestId('trajectory-explanation')).toHaveText('expected 10 (numeric ±0), got 10');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 1 of 2');
  await expect(page.getByTestId('observation')).toHaveText('result: 10');
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('Step 2 of 2');
  await expect(page.getByTestId('final-answer')).toHaveText('10');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 1 of 2');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText('Step 2 of 2');

  // The failing case says why it failed.
  await page.getByRole('link', { name: 'next case →' }).click();
  await expect(page.getByTestId('trajectory-explanation')).toHaveText('expected 12 (numeric ±0), got 20');

  // v1 now has a run, so it is immutable: adding a case by form makes v2 and says why.
  await page.goto(`/p/${PROJECT}/environment/scn_seed_math_v1?tab=cases`);
  await page.getByLabel('Prompt', { exact: true }).fill('What is 6*7?');
  await page.getByLabel('Expected answer', { exact: true }).fill('42');
  await page.getByRole('button', { name: 'Add case' }).click();
  await expect(page).toHaveURL(/scn_seed_math_v2/);
  await expect(page.getByText('scn_seed_math_v1 is in use')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Test cases' }).locator('tr[data-case-position]')).toHaveCount(3);
  await expect(page.getByTestId('validation-badge').first()).toHaveAttribute('data-status', 'unvalidated');
});

test('a viewer reads scenarios and reports but gets no editing controls', async ({ page }) => {
  await signIn(page, 'viewer');
  await page.goto(`/p/${PROJECT}/environment`);
  await expect(page.getByRole('button', { name: 'Create scenario' })).toHaveCount(0);
  await page.getByRole('link', { name: 'math', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Test cases' }).locator('tr[data-case-position]')).toHaveCount(25);
  await expect(page.getByRole('button', { name: 'Add pasted cases' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Validation' }).click();
  await expect(page.getByTestId('validation-report')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Validate' })).toHaveCount(0);
});
