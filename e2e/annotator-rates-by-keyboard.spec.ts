// An engineer sets up a queue in the UI; the annotator rates it with the keyboard alone, watching progress advance,
// and the ratings (and the skip, and a comment typed without triggering shortcuts) are stored.
import { expect, test, type Page } from '@playwright/test';
import { PROJECT, signIn, trpcMutation, trpcQuery } from './support/demo';

const AGENT = `e2e-keyboard-${Date.now()}`;
const QUEUE = `Keyboard journey ${Date.now()}`;

/** Six arithmetic interactions of an agent of our own, through the public API with a key the admin creates. */
async function ingestEvents(page: Page) {
  await signIn(page, 'admin');
  const key = await trpcMutation(page, 'project.apiKeys.create', { projectId: PROJECT, name: 'e2e annotation' });
  expect(key.ok()).toBe(true);
  const secret: string = (await key.json()).result.data.json.secret;
  const events = Array.from({ length: 6 }, (_, i) => ({
    id: `${AGENT}-${i}`,
    agent_id: AGENT,
    prompt: `What is ${i + 10}+${i * 2}?`,
    response: `<call:calculator>${i + 10}+${i * 2}</call><result>${i + 10 + i * 2}</result><answer>${i + 10 + i * 2}</answer>`,
    // Newest first in the queue: item 1 is the last one here.
    created_at: new Date(Date.UTC(2025, 5, 1, 12, i)).toISOString(),
  }));
  const res = await page.request.post('/api/v1/events', { headers: { authorization: `Bearer ${secret}` }, data: { events } });
  expect(res.status()).toBe(200);
  await page.context().clearCookies();
}

async function engineerSetsUpQueue(page: Page) {
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/data/annotation`);
  const create = page.getByRole('form', { name: 'Create annotation queue' });
  await create.getByLabel('Name').fill(QUEUE);
  await create.getByLabel('Raters per item').fill('1');
  await create.getByLabel('Instructions for raters').fill('5 = correct sum, 1 = wrong.');
  await create.getByRole('button', { name: 'Create queue' }).click();
  await expect(page.getByRole('heading', { name: QUEUE })).toBeVisible();

  const add = page.getByRole('form', { name: 'Add items' });
  await add.getByLabel('Newest matching the filter').check();
  await add.getByLabel('Agent').fill(AGENT);
  await add.getByLabel('At most').fill('6');
  await add.getByRole('button', { name: 'Add items' }).click();
  await expect(add.getByTestId('add-items-result')).toHaveText('Added 6 items.');

  const assign = page.getByRole('form', { name: 'Assign items' });
  await assign.getByLabel(/Ann Annotator/).check();
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(assign.getByTestId('assign-result')).toHaveText('6 new assignments across 1 rater.');
  await expect(page.getByTestId('queue-rated')).toHaveText('0 / 6');
  // No judge endpoint in the demo: the page says so instead of offering scores.
  await expect(page.getByTestId('judge-not-configured')).toContainText('No judge endpoint configured for this project');
  await page.context().clearCookies();
}

test('the annotator rates five items by keyboard, skips one, moves with j/k, comments, and it is all stored', async ({ page }) => {
  await ingestEvents(page);
  await engineerSetsUpQueue(page);

  await signIn(page, 'annotator');
  await expect(page).toHaveURL(`/p/${PROJECT}/annotate`);
  const progress = page.getByTestId('rated-count');
  const position = page.getByTestId('item-position');
  const item = page.getByTestId('rating-item');
  const prompt = page.getByTestId('item-prompt');
  await expect(progress).toHaveText('0 / 6');
  await expect(position).toHaveText('Item 1 of 6');
  await expect(prompt).toHaveText('What is 15+10?');
  await expect(item.locator('[data-step="call"]')).toContainText('15+10');
  await expect(item.locator('[data-step="answer"]')).toContainText('25');
  await expect(page.getByLabel('Keyboard shortcuts')).toContainText('skip for now');

  await page.keyboard.press('5');
  await expect(progress).toHaveText('1 / 6');
  await expect(position).toHaveText('Item 2 of 6');
  await expect(prompt).toHaveText('What is 14+8?');

  await page.keyboard.press('s');
  await expect(position).toHaveText('Item 3 of 6');
  await expect(page.getByTestId('rating-progress')).toContainText('1 skipped');
  await expect(progress).toHaveText('1 / 6');

  await page.keyboard.press('1');
  await expect(progress).toHaveText('2 / 6');
  await page.keyboard.press('3');
  await expect(progress).toHaveText('3 / 6');
  await expect(position).toHaveText('Item 5 of 6');

  // Back and forth: k shows earlier ratings, j returns.
  await page.keyboard.press('k');
  await expect(position).toHaveText('Item 4 of 6');
  await expect(item).toHaveAttribute('data-status', 'rated');
  await expect(page.getByRole('button', { name: /^3/ })).toHaveAttribute('aria-pressed', 'true');
  // The rating reads on the scale the rater typed (3 of 5), not as the stored 0.5.
  await expect(page.getByText('rated 3/5')).toBeVisible();
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(position).toHaveText('Item 2 of 6');
  await expect(item).toHaveAttribute('data-status', 'skipped');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(position).toHaveText('Item 5 of 6');
  await expect(item).toHaveAttribute('data-status', 'pending');

  // A comment: c opens it, typing digits and shortcut letters does not rate or move, Enter saves.
  await page.keyboard.press('c');
  const box = page.getByLabel('Comment on this item');
  await expect(box).toBeFocused();
  await page.keyboard.type('5 looks right; j k s are just letters');
  await page.keyboard.press('Enter');
  await expect(box).toHaveCount(0);
  await expect(page.getByTestId('item-comment')).toContainText('5 looks right; j k s are just letters');
  await expect(progress).toHaveText('3 / 6');
  await expect(position).toHaveText('Item 5 of 6');
  // Esc cancels without saving.
  await page.keyboard.press('c');
  await page.keyboard.type('discard me');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('item-comment')).not.toContainText('discard me');

  await page.keyboard.press('2');
  await expect(progress).toHaveText('4 / 6');
  await expect(position).toHaveText('Item 6 of 6');
  await page.keyboard.press('4');
  await expect(progress).toHaveText('5 / 6');
  await expect(page.getByTestId('all-done')).toContainText('You rated 5 of 6 items in this queue; 1 skipped item is still unrated.');

  // Stored on the server, in order: what the keys said, mapped onto 0..1.
  const queues = await (await trpcQuery(page, 'data.annotation.myQueues', { projectId: PROJECT })).json();
  const queueId: string = queues.result.data.json.find((q: { name: string }) => q.name === QUEUE).queueId;
  await expect
    .poll(async () => {
      const res = await (await trpcQuery(page, 'data.annotation.myItems', { projectId: PROJECT, queueId })).json();
      return res.result.data.json.items.map((i: { status: string; value: number | null }) => `${i.status}:${i.value}`);
    })
    .toEqual(['rated:1', 'skipped:null', 'rated:0', 'rated:0.5', 'rated:0.25', 'rated:0.75']);
  const items = (await (await trpcQuery(page, 'data.annotation.myItems', { projectId: PROJECT, queueId })).json()).result.data.json.items;
  expect(items[4].comment).toBe('5 looks right; j k s are just letters');

  // Opened afresh (a deep link to the queue), the progress comes back from the server, not from memory.
  await page.goto(`/p/${PROJECT}/annotate?queue=${queueId}`);
  await expect(progress).toHaveText('5 / 6');
  await expect(page.getByTestId('all-done')).toBeVisible();

  // The annotator cannot read the engineers' view of the same queue.
  const forbidden = await trpcQuery(page, 'data.annotation.items', { projectId: PROJECT, queueId });
  expect(forbidden.status()).toBe(403);
});
