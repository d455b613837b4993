// An engineer starts a job and watches it progress live on the jobs page, then opens it and sees its metric curve.
import { expect, test } from '@playwright/test';
import { PROJECT, signIn } from './support/demo';

test('a diagnostic job runs on the in-process worker with a live progress bar', async ({ page }) => {
  // Journeys share one app: the in-process worker may still be finishing an earlier journey's job first.
  test.setTimeout(240_000);
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/jobs`);
  await page.getByLabel('Steps').fill('6');
  await page.getByRole('button', { name: 'Run diagnostic job' }).click();

  const row = page.locator('tr[data-job-id]').first();
  await expect(row).toHaveAttribute('data-status', /queued|running|succeeded/);
  const bar = row.getByRole('progressbar');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThan(0);
  await expect(row).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');

  await row.getByRole('link', { name: 'system.diagnostic' }).click();
  // One chart per metric: the diagnostic reports its step time once per step.
  await expect(page.getByTestId('metric-chart-step time ms')).toHaveAttribute('data-points', '6');
  await expect(page.getByText('succeeded').first()).toBeVisible();
});

test('invalid job input is reported beside its field', async ({ page }) => {
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/jobs`);
  await page.getByLabel('Steps').fill('5000');
  await page.getByRole('button', { name: 'Run diagnostic job' }).click();
  await expect(page.locator('#diag-steps-error')).toContainText('1000');
});
