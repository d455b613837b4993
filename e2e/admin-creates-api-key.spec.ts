// An admin issues an API key: invalid input is explained next to the field, the key is shown once and works on /api/v1.
import { expect, test } from '@playwright/test';
import { PROJECT, signIn } from './support/demo';

test('invalid key names get a readable error beside the field; a valid key is shown once and authenticates', async ({ page, request }) => {
  await signIn(page, 'admin');
  await page.goto(`/p/${PROJECT}/settings`);
  const form = page.getByRole('form', { name: 'Create API key' });
  const name = form.getByLabel('New API key name');

  await form.getByRole('button', { name: 'Create API key' }).click();
  await expect(form.getByRole('alert')).toHaveText('Give it a name, such as "ingestion from prod".');
  await expect(name).toHaveAttribute('aria-invalid', 'true');

  await name.fill('x'.repeat(61));
  await form.getByRole('button', { name: 'Create API key' }).click();
  await expect(form.getByRole('alert')).toHaveText('Keep the name under 60 characters.');

  await name.fill('ingestion from staging');
  await form.getByRole('button', { name: 'Create API key' }).click();
  const issued = page.getByTestId('issued-secret');
  await expect(issued).toContainText('will not be shown again');
  const secret = (await issued.locator('code').textContent())!.trim();
  expect(secret).toMatch(/^af_live_[0-9a-z]{40}$/);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'ingestion from staging' })).toBeVisible();

  const ok = await request.get('/api/v1/project', { headers: { authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).project.id).toBe(PROJECT);
  const bad = await request.get('/api/v1/project', { headers: { authorization: 'Bearer af_live_wrong' } });
  expect(bad.status()).toBe(401);

  page.once('dialog', (d) => d.accept());
  await page
    .getByRole('row', { name: /ingestion from staging/ })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(page.getByRole('row', { name: /ingestion from staging/ })).toContainText('revoked');
  expect((await request.get('/api/v1/project', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
});
