// An engineer reads this machine's real capacity on the Compute page, gets one request granted, one queued (with why
// and where in line), one refused (with the reason beside the form), then releases the first and sees the queue move.
import os from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { PROJECT, signIn, trpcMutation } from './support/demo';

async function request(page: Page, o: { resource?: 'CPU' | 'GPU'; count: string; purpose: string }) {
  const form = page.getByRole('form', { name: 'Request resources' });
  await form.getByLabel('Resource').selectOption({ label: o.resource ?? 'CPU' });
  await form.getByLabel('Count').fill(o.count);
  await form.getByLabel('Purpose').fill(o.purpose);
  await form.getByRole('button', { name: 'Request' }).click();
}

test('engineer requests compute: granted, queued with a reason, refused, then the queue moves on release', async ({ page }) => {
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/compute`);

  // The pool is read from reality: the page shows the cores this very machine has.
  const cores = os.availableParallelism();
  const cpuCard = page.getByTestId('capacity-cpus');
  await expect(page.getByTestId('capacity-cpus-value')).toHaveText(String(cores));
  const free = cores - Number(await cpuCard.getAttribute('data-allocated'));
  expect(free).toBeGreaterThan(0);

  // Field-level validation: a zero count is named beside its field.
  await request(page, { count: '0', purpose: 'nothing' });
  await expect(page.locator('#alloc-count-error')).toHaveText('Ask for at least 1');

  // 1. Every free core: granted at once.
  await request(page, { count: String(free), purpose: 'e2e holder' });
  const granted = page.getByTestId('request-outcome');
  await expect(granted).toHaveAttribute('data-outcome', 'granted');
  const holderId = (await granted.getByRole('link').textContent())!.trim();
  expect(holderId).toMatch(/^alloc_/);
  await expect(cpuCard).toHaveAttribute('data-allocated', String(cores));

  // 2. One more core: it must wait, and the queue says why, behind what, and where in line.
  await request(page, { count: '1', purpose: 'e2e waiter' });
  await expect(granted).toHaveAttribute('data-outcome', 'queued');
  const waiterId = (await granted.getByRole('link').textContent())!.trim();
  const queued = page.locator(`li[data-queued-id="${waiterId}"]`);
  await expect(queued).toHaveAttribute('data-position', '1');
  await expect(queued.getByTestId('wait-reason')).toContainText('short of CPU cores on this machine');
  await expect(queued.getByTestId('wait-reason')).toContainText(`held by ${holderId} (e2e holder)`);
  await expect(queued.getByTestId('wait-eta')).toContainText('unknown — held by open-ended allocations');

  // 3. A GPU on a pool without one: refused, with the reason next to the form, and nothing stored.
  await request(page, { resource: 'GPU', count: '1', purpose: 'e2e gpu' });
  await expect(page.getByTestId('request-refused')).toContainText('This pool has 0 GPUs; the largest GPU request it can ever grant is 0');

  // 4. Release the holder (after confirming): the waiting request is granted.
  page.once('dialog', (d) => d.accept());
  await page.locator(`tr[data-allocation-id="${holderId}"]`).getByRole('button', { name: 'Release' }).click();
  await expect(page.locator(`tr[data-allocation-id="${holderId}"]`)).toHaveCount(0); // gone from the Active filter
  await expect(page.locator(`tr[data-allocation-id="${waiterId}"]`)).toHaveAttribute('data-status', 'granted');
  await expect(queued).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'last 1h' })).toBeVisible();
  // Each grant and release was sampled: the utilisation chart has several points already.
  const cpuChart = page.getByRole('figure', { name: 'CPU cores over time' }).getByTestId('time-series-chart');
  await expect.poll(async () => Number(await cpuChart.getAttribute('data-points'))).toBeGreaterThanOrEqual(3);

  // The allocation's own page tells where it runs; releasing it there (after confirming) frees the pool for what runs next.
  await page.locator(`tr[data-allocation-id="${waiterId}"]`).getByRole('link', { name: waiterId }).click();
  await expect(page).toHaveURL(new RegExp(`/compute/${waiterId}$`));
  await expect(page.getByText('granted', { exact: true })).toBeVisible();
  await expect(page.getByText('this machine (', { exact: false }).first()).toBeVisible();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Release' }).click();
  await expect(page.getByText('released', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Request again' })).toBeVisible();
});

test('a viewer sees the pool read-only, and the API refuses its requests', async ({ page }) => {
  await signIn(page, 'viewer');
  await page.goto(`/p/${PROJECT}/compute`);
  await expect(page.getByTestId('capacity-cpus-value')).toHaveText(String(os.availableParallelism()));
  await expect(page.getByRole('form', { name: 'Request resources' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Release' })).toHaveCount(0);
  const res = await trpcMutation(page, 'compute.request', {
    projectId: PROJECT,
    poolType: 'training',
    resourceType: 'cpu',
    count: 1,
    memoryMb: 0,
  });
  expect(res.status()).toBe(403);
});
