// An engineer cleans the demo data: reads the measured quality, starts a run and watches it finish, opens the report
// (counts per reason, examples), approves one redaction and corrects another by re-typing a span selected in the
// original; a viewer then reads the same pages without any write controls.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PROJECT, signIn, trpcMutation, trpcQuery } from './support/demo';

/** Selects `needle` inside `root` the way a mouse drag would (a Range over its text nodes). */
async function selectText(root: Locator, needle: string) {
  await root.evaluate((el, text) => {
    const full = el.textContent ?? '';
    const at = full.indexOf(text);
    if (at < 0) throw new Error(`"${text}" is not in the original`);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let pos = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.textContent!.length;
      if (pos <= at && at < pos + len) range.setStart(n, at - pos);
      if (pos < at + text.length && at + text.length <= pos + len) range.setEnd(n, at + text.length - pos);
      pos += len;
    }
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, needle);
}

async function overallRecall(page: Page) {
  const row = page.getByRole('table', { name: 'PII detection quality' }).locator('tr[data-pii-type="All types"]');
  await expect(row.getByTestId('recall')).toHaveText(/^\d{1,3}(\.\d)?%$/);
  return Number(await row.getAttribute('data-recall'));
}

test.describe.serial('data cleaning', () => {
  test('engineer cleans the demo data, reads the report and reviews redactions', async ({ page }) => {
    await signIn(page, 'engineer');
    await page.goto(`/p/${PROJECT}/data`);
    await page.getByRole('navigation', { name: 'Data sections' }).getByRole('link', { name: 'Cleaning' }).click();
    await expect(page).toHaveURL(new RegExp(`/p/${PROJECT}/data/cleaning$`));

    // The demo arrives cleaned once (at seed time), and quality is already measured on the gold set.
    await expect(page.locator('tr[data-run-id][data-status="succeeded"]')).toHaveCount(1);
    await expect(page.getByTestId('gold-set-explained')).toContainText('scripts/make-gold-set.ts');
    const recall = await overallRecall(page);
    expect(recall).toBeGreaterThan(0.5);
    expect(recall).toBeLessThanOrEqual(1);
    const emailRecall = Number(await page.locator('tr[data-pii-type="EMAIL"]').getAttribute('data-recall'));
    expect(emailRecall).toBeGreaterThan(0);
    await expect(page.getByTestId('pii-quality-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.locator('tr[data-filter="duplicates (exact + near)"]')).toHaveAttribute('data-recall', /^(0\.\d+|1)$/);

    // Clean every event again and follow the run to the end.
    await page.getByLabel(/All events/).check();
    await page.getByRole('button', { name: 'Start cleaning' }).click();
    const started = page.getByTestId('started-run');
    await expect(started).toBeVisible();
    await expect(started).toHaveAttribute('data-status', 'succeeded', { timeout: 45_000 });
    await expect(page.getByTestId('started-run-summary')).toHaveText(
      /^[1-9][\d,]* kept, [1-9][\d,]* filtered, [1-9][\d,]* with redactions\.$/,
    );
    await expect(page.locator('tr[data-run-id]')).toHaveCount(2);
    // Newest first: the run just started heads the list.
    const runRow = page.locator('tr[data-run-id]').first();
    await expect(runRow).toHaveAttribute('data-status', 'succeeded');
    const runId = await runRow.getAttribute('data-run-id');
    expect(runId).toMatch(/^clean_/);
    const kept = Number((await runRow.getByTestId('run-kept').textContent())!.replace(/,/g, ''));
    const filtered = Number((await runRow.getByTestId('run-filtered').textContent())!.replace(/,/g, ''));
    expect(kept).toBeGreaterThan(1000);
    expect(filtered).toBeGreaterThan(0);

    // The report: counts per reason, as a chart and a table that add up to the run's totals.
    await started.getByRole('link', { name: 'Open report →' }).click();
    await expect(page).toHaveURL(new RegExp(`/data/cleaning/${runId}$`));
    await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'succeeded');
    const reasons = page.getByRole('table', { name: 'Events per reason' });
    const exact = reasons.locator('tr[data-reason="exact_duplicate"]');
    await expect(exact).toBeVisible();
    expect(Number(await exact.getAttribute('data-count'))).toBeGreaterThan(0);
    const counts = await reasons
      .locator('tr[data-reason]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-reason'), Number(r.getAttribute('data-count'))] as const));
    expect(Object.fromEntries(counts).kept).toBe(kept);
    expect(counts.filter(([r]) => r !== 'kept').reduce((a, [, n]) => a + n, 0)).toBe(filtered);
    await expect(page.getByTestId('reason-chart').locator('.recharts-bar-rectangle')).toHaveCount(counts.length - 1);
    await expect(page.getByRole('table', { name: 'Redacted spans per type' }).locator('tr[data-entity-type="EMAIL"]')).toBeVisible();

    // Examples of a reason unfold with the why.
    const examples = page.locator('details[data-examples="exact_duplicate"]');
    await examples.locator('summary').click();
    await expect(examples.getByTestId('example-why').first()).toHaveText('Why: same text after normalising case and white space');

    // Approve the first redaction: it stays in the list, marked reviewed.
    const items = page.getByRole('list', { name: 'Redactions' }).locator('li[data-redaction]');
    const first = items.first();
    await expect(first).toHaveAttribute('data-review', 'pending');
    await expect(first.getByTestId('redaction-after').getByTestId('placeholder').first()).toHaveText(/^\[[A-Z_]+\]$/);
    const firstKey = await first.getAttribute('data-redaction');
    await first.getByRole('button', { name: 'Approve' }).click();
    const approved = page.locator(`li[data-redaction="${firstKey}"]`);
    await expect(approved).toHaveAttribute('data-review', 'approved');
    await expect(approved).toContainText('reviewed: approved');
    await expect(approved.getByRole('button', { name: 'Approve' })).toBeDisabled();

    // Correct the second: re-type its first span by removing it and selecting the same text in the original.
    const second = items.nth(1);
    const secondKey = await second.getAttribute('data-redaction');
    const item = page.locator(`li[data-redaction="${secondKey}"]`);
    await item.getByRole('button', { name: 'Correct' }).click();
    const editor = item.getByTestId('span-editor');
    const spans = editor.getByRole('list', { name: 'Spans that are personal data' }).locator('li[data-span]');
    const spanCount = await spans.count();
    expect(spanCount).toBeGreaterThan(0);
    const spanText = (await spans.first().locator('code').textContent())!;
    const oldType = await spans.first().getByRole('combobox').inputValue();
    const newType = oldType === 'SECRET' ? 'IBAN' : 'SECRET';
    await spans.first().getByRole('button', { name: 'Remove' }).click();
    await expect(spans).toHaveCount(spanCount - 1);
    await selectText(editor.getByTestId('span-editor-original'), spanText);
    await expect(editor.getByTestId('span-selection')).toHaveText(spanText);
    await editor.getByLabel('Type of the new span').selectOption(newType);
    await editor.getByRole('button', { name: 'Add span' }).click();
    await expect(spans).toHaveCount(spanCount);
    await expect(editor.getByTestId('span-editor-preview')).toContainText(`[${newType}]`);
    await editor.getByRole('button', { name: 'Save correction' }).click();
    await expect(item).toHaveAttribute('data-review', 'corrected');
    await expect(
      item
        .getByTestId('redaction-after')
        .getByTestId('placeholder')
        .filter({ hasText: `[${newType}]` }),
    ).not.toHaveCount(0);
    await expect(item.getByTestId('redaction-before').locator(`mark[data-type="${newType}"]`)).toHaveText(spanText);

    // The Reviewed filter holds exactly the two reviewed texts.
    await page.getByRole('tab', { name: 'Reviewed' }).click();
    await expect(items).toHaveCount(2);

    // Both verdicts join the measurement as reviewer labels.
    await page.getByRole('link', { name: '← All cleaning runs' }).click();
    await expect(page.getByTestId('reviewed-quality')).toContainText('On reviewer labels alone (2)');
    await expect(page.getByTestId('gold-set-explained')).toContainText('plus 2 redactions reviewers');
    await overallRecall(page);

    // Two starts at once: only one run may be active per project, so exactly one is refused with CONFLICT. The in-process
    // worker is kept busy first, so the winner is still queued when the other arrives (a run with little to clean can
    // otherwise finish in between, on the same event loop).
    await trpcMutation(page, 'jobs.runDiagnostic', { projectId: PROJECT, steps: 6, stepMs: 500 });
    const both = await Promise.all([0, 1].map(() => trpcMutation(page, 'data.cleaning.start', { projectId: PROJECT, scope: 'raw' })));
    expect(both.map((r) => r.status()).sort()).toEqual([200, 409]);
    const refused = (await both.find((r) => r.status() === 409)!.json()) as {
      error: { json: { message: string; data: { code: string } } };
    };
    expect(refused.error.json.data.code).toBe('CONFLICT');
    expect(refused.error.json.message).toContain('already in progress');
    await page.reload();
    await expect(page.locator('tr[data-run-id]')).toHaveCount(3);
    await expect(page.locator('tr[data-run-id][data-status="succeeded"]')).toHaveCount(3, { timeout: 30_000 });
  });

  test('a viewer reads the runs, report and quality without write controls', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto(`/p/${PROJECT}/data/cleaning`);
    await expect(page.getByRole('button', { name: 'Start cleaning' })).toHaveCount(0);
    await expect(page.locator('tr[data-run-id]')).toHaveCount(3);
    await overallRecall(page);
    // A run with redactions (the last one found no new events to clean).
    const res = await trpcQuery(page, 'data.cleaning.runs', { projectId: PROJECT });
    const rows = ((await res.json()) as { result: { data: { json: { rows: { id: string; redacted: number }[] } } } }).result.data.json.rows;
    const runId = rows.find((r) => r.redacted > 0)!.id;
    await page.locator(`a[href$="/data/cleaning/${runId}"]`).click();
    await expect(page.getByText('Outcomes by reason')).toBeVisible();
    // The review shows the raw text each redaction replaced: not for viewers, on the page or through the API.
    await expect(page.locator('li[data-redaction]')).toHaveCount(0);
    const redactions = await trpcQuery(page, 'data.cleaning.redactions', { projectId: PROJECT, runId });
    expect(redactions.status()).toBe(403);
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Correct' })).toHaveCount(0);
    const start = await page.request.post('/api/trpc/data.cleaning.start', { data: { json: { projectId: PROJECT, scope: 'raw' } } });
    expect(start.status()).toBe(403);
  });
});
