// Private by default: a manager (viewer) reads support chats with their personal data redacted and no way to the
// original; an engineer opens the original on purpose.
import { expect, test } from '@playwright/test';
import { PROJECT, signIn, trpcQuery } from './support/demo';

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;

async function redactedSupportEvent(page: import('@playwright/test').Page) {
  const res = await trpcQuery(page, 'data.events.list', { projectId: PROJECT, agentId: 'support-bot', limit: 200 });
  expect(res.ok()).toBe(true);
  const rows = ((await res.json()) as { result: { data: { json: { rows: { id: string; prompt: string; redacted: boolean }[] } } } }).result
    .data.json.rows;
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.prompt).not.toMatch(EMAIL);
  const row = rows.find((r) => r.redacted);
  expect(row).toBeDefined();
  return row!.id;
}

test('a viewer reads redacted support chats and cannot open the original', async ({ page }) => {
  await signIn(page, 'viewer');
  const id = await redactedSupportEvent(page);
  await page.goto(`/p/${PROJECT}/data/events/${id}?original=1`);
  await expect(page.getByText('personal data redacted').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Show original' })).toHaveCount(0);
  await expect(page.getByText('Original (raw)')).toHaveCount(0);
});

test('an engineer opens the original on purpose', async ({ page }) => {
  await signIn(page, 'engineer');
  const id = await redactedSupportEvent(page);
  await page.goto(`/p/${PROJECT}/data/events/${id}`);
  await expect(page.getByText('Original (raw)')).toHaveCount(0);
  await page.getByRole('link', { name: 'Show original' }).click();
  await expect(page.getByText('Original (raw)').first()).toBeVisible();
  await page.getByRole('link', { name: 'Hide original' }).click();
  await expect(page.getByText('Original (raw)')).toHaveCount(0);
});
