// An engineer uploads a JSONL file with bad lines, sees what landed and which lines failed, explores the events,
// builds a dataset version from them as a job, downloads its export and checks the JSONL line by line.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { PROJECT, signIn } from './support/demo';

const AGENT = `journey-agent-${Date.now().toString(36)}`;
const GOOD = [
  { prompt: 'What is 40+2?', response: '<call:calculator>40+2</call><result>42</result><answer>42</answer>' },
  { prompt: 'What is 7*6?', response: '<call:calculator>7*6</call><result>42</result><answer>42</answer>' },
  { prompt: 'What is 50-8?', response: '<call:calculator>50-8</call><result>42</result><answer>42</answer>' },
];

test('upload with bad lines, explore, build a dataset version and validate its JSONL export', async ({ page }) => {
  await signIn(page, 'engineer');
  await page.goto(`/p/${PROJECT}/data/upload`);

  const lines = [
    JSON.stringify({ agent_id: AGENT, ...GOOD[0] }),
    '{"agent_id": "broken',
    JSON.stringify({ agent_id: AGENT, ...GOOD[1] }),
    JSON.stringify({ agent_id: AGENT, prompt: 'no response here' }),
    JSON.stringify({
      messages: [
        { role: 'user', content: GOOD[2]!.prompt },
        { role: 'assistant', content: GOOD[2]!.response },
      ],
    }),
  ];
  await page
    .locator('#upload-file')
    .setInputFiles({ name: 'journey.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) });
  await page.getByLabel('Default agent id').fill(AGENT);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();

  const result = page.getByTestId('upload-result').first();
  await expect(result).toContainText('3 stored');
  await expect(result).toContainText('2 rejected');
  const rejected = result.getByRole('table', { name: 'Rejected lines' });
  await expect(rejected.getByRole('row')).toHaveCount(3);
  await expect(rejected.getByRole('row').nth(1)).toContainText('2');
  await expect(rejected.getByRole('row').nth(1)).toContainText('not valid JSON');
  await expect(rejected.getByRole('row').nth(2)).toContainText('4');
  await expect(rejected.getByRole('row').nth(2)).toContainText('missing "response"');

  // The stored events show in the explorer, filtered by their agent.
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await page.getByRole('combobox', { name: 'Agent', exact: true }).selectOption(AGENT);
  await expect(page.locator('tr[data-event-id]')).toHaveCount(3);
  await expect(page.getByTestId('events-count')).toContainText('3 matching events');

  // Build a version from exactly those events; it runs as a job and the page follows it until it is ready.
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  const name = AGENT.replace(/[^a-z0-9]/g, '_');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Validation %').fill('34');
  await page.getByRole('group', { name: 'Examples' }).getByLabel('Agent').selectOption(AGENT);
  await page.getByRole('button', { name: 'Build dataset version' }).click();
  await expect(page).toHaveURL(new RegExp(`/data/datasets/ds_${name}_v1$`));
  await expect(page.locator('[data-dataset-status]')).toHaveAttribute('data-dataset-status', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('example-count')).toHaveText('3');
  await expect(page.getByTestId('histogram-chart').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download all' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`ds_${name}_v1.all.jsonl`);
  const text = await readFile((await file.path())!, 'utf8');
  const exported = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { messages: { role: string; content: string }[] });
  expect(exported).toHaveLength(3);
  for (const ex of exported) expect(ex.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(exported.map((ex) => [ex.messages[0]!.content, ex.messages[1]!.content]).sort()).toEqual(
    GOOD.map((g) => [g.prompt, g.response]).sort(),
  );
});

test('a viewer reads events and datasets but sees no upload or build forms', async ({ page }) => {
  await signIn(page, 'viewer');
  await page.goto(`/p/${PROJECT}/data/datasets`);
  await expect(page.locator('tr[data-dataset-id="ds_math_v1"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Build dataset version' })).toHaveCount(0);
  await page.goto(`/p/${PROJECT}/data/upload`);
  await expect(page.getByText('Send from your agents')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Upload', exact: true })).toHaveCount(0);
  const res = await page.request.post(`/api/data/${PROJECT}/upload?name=x.jsonl`, { data: '{}' });
  expect(res.status()).toBe(403);
});

test('a page on another origin cannot upload with the engineer’s session (CSRF)', async ({ page }) => {
  await signIn(page, 'engineer');
  // What a page on another localhost port can make the browser send: a simple text/plain POST, cookies attached.
  const forged = await page.request.post(`/api/data/${PROJECT}/upload?name=forged.jsonl`, {
    headers: { 'content-type': 'text/plain', origin: 'http://127.0.0.1:4999', 'sec-fetch-site': 'same-site' },
    data: '{"agent_id":"a","prompt":"forged","response":"x"}\n',
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error).toMatch(/Refused/);
  const trpc = await page.request.post('/api/trpc/compute.request', {
    headers: { 'content-type': 'text/plain', origin: 'http://127.0.0.1:4999' },
    data: JSON.stringify({ json: { projectId: PROJECT, count: 1, memoryMb: 0 } }),
  });
  expect(trpc.status()).toBe(403);
});
