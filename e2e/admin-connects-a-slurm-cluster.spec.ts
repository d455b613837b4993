// An admin connects a real Slurm cluster (the loopback test cluster, two fake GPUs) in Settings and tests the
// connection; on the Compute page its partition is a pool with 2 GPUs, a 1-GPU request becomes a Slurm job that is
// granted with its node and GPU index, and releasing it cancels the job. Skips, saying why, without a cluster.
import { expect, test } from '@playwright/test';
import { cancelAllJobs, squeueState, stopTestCluster, testCluster, type TestCluster } from '../server/testing/slurm';
import { PROJECT, signIn } from './support/demo';

let cluster: TestCluster | { skip: string };
test.beforeAll(async () => {
  cluster = await testCluster();
  if (!('skip' in cluster)) await cancelAllJobs(cluster);
});
test.afterAll(async () => {
  if (!('skip' in cluster)) {
    await cancelAllJobs(cluster);
    await stopTestCluster(cluster);
  }
});

test('admin connects a Slurm cluster; a GPU request on its partition is a Slurm job, granted with its GPU index', async ({ page }) => {
  test.skip('skip' in cluster, 'skip' in cluster ? cluster.skip : '');
  const c = cluster as TestCluster;
  await signIn(page, 'admin');
  await page.goto(`/p/${PROJECT}/settings`);
  await page.getByRole('button', { name: 'Connect a cluster' }).click();
  const form = page.getByRole('form', { name: 'Cluster' });
  await form.getByLabel('Name').fill('lab');
  await form.getByLabel('slurmrestd URL').fill(c.url);
  await form.getByLabel('Cluster user').fill(c.user);
  await form.getByLabel('Default partition').fill(c.partition);
  await form.getByLabel('Credential').selectOption('jwt_key');
  await form.getByLabel('Signing key').fill(c.jwtKeyBase64);
  await form.getByLabel('Job directory').fill(c.jobDir);
  await form.getByRole('button', { name: 'Save cluster' }).click();
  const row = page.getByRole('table', { name: 'Clusters' }).getByRole('row', { name: /lab/ });
  await expect(row).toContainText('signing key …');
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('cluster-test')).toContainText(/Connected: Slurm \d+\.\d+/);
  await expect(page.getByTestId('cluster-test')).toContainText(`${c.partition} (1 nodes, 2 GPUs)`);

  await page.goto(`/p/${PROJECT}/compute`);
  const partition = page.getByTestId('cluster-lab').locator(`tr[data-partition="${c.partition}"]`);
  await expect(partition).toHaveAttribute('data-gpus', '2');
  const req = page.getByRole('form', { name: 'Request resources' });
  await req.getByLabel('Pool', { exact: true }).selectOption({ label: `lab · partition ${c.partition}` });
  await req.getByLabel('Resource').selectOption({ label: 'GPU' });
  await req.getByLabel('Count').fill('1');
  await req.getByLabel('Memory (MB)').fill('100');
  await req.getByLabel('Purpose').fill('e2e on slurm');
  await req.getByRole('button', { name: 'Request' }).click();
  const outcome = page.getByTestId('request-outcome');
  await expect(outcome).toBeVisible();
  const allocId = (await outcome.getByRole('link').textContent())!.trim();
  await outcome.getByRole('link').click();
  await expect(page.getByTestId('allocation-machine')).toContainText(c.node);
  await expect(page.getByTestId('allocation-gpus')).toHaveText('0');
  const slurmJob = (await page.getByTestId('allocation-slurm').locator('span').textContent())!.trim();
  await expect(page.getByTestId('allocation-slurm')).toContainText('RUNNING');

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Release' }).click();
  await expect(page.getByText('released', { exact: true })).toBeVisible();
  await expect.poll(() => squeueState(c, slurmJob)).toBe('CANCELLED');
  expect(allocId).toMatch(/^alloc_/);
});
