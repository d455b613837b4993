// The clean job on an in-memory database with the demo seed: filtered events are marked (never deleted, raw text
// never changed), PII is redacted in the clean columns, duplicates point at kept originals, a report is written;
// a second run over new events only treats earlier kept ones as originals; reviews become gold labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { cleanGoldLabels, cleanRedactions, events, jobs } from '@/db/schema';
import { claim } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { createCaller } from '@/server/routers/_app';
import { cleanJob } from './job';
import { executeCleanRun } from './execute';
import { CLEAN_JOB_TYPE } from './runs';
import { statusIs } from './verdicts';
import { eventsWithVerdicts } from '@/server/testing/verdicts';

let h: DbHandle;
const engineer = () => createCaller({ db: h.db, user: { id: 'user_engineer', email: 'e@t', name: 'e' } }).data.cleaning;

async function runQueued() {
  const job = await claim(h.db, { workerId: 'test-worker', queues: ['default'], types: [CLEAN_JOB_TYPE] });
  expect(job).not.toBeNull();
  await runJobHere(h.db, job!, cleanJob, 1000);
  const [done] = await h.db.select().from(jobs).where(eq(jobs.id, job!.id));
  expect([done!.status, done!.error]).toEqual(['succeeded', null]);
}

let before: { id: string; prompt: string; response: string; agentId: string }[];
let runId: string;

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  before = await h.db
    .select({ id: events.id, prompt: events.prompt, response: events.response, agentId: events.agentId })
    .from(events)
    .where(eq(events.projectId, P));
  const run = await engineer().start({ projectId: P, scope: 'raw' });
  runId = run.id;
  await expect(engineer().start({ projectId: P, scope: 'all' })).rejects.toThrow(/already in progress/);
  await runQueued();
}, 120_000);
afterAll(() => h.close());

describe('clean job', () => {
  it('marks every event, deletes none, and never changes the raw text', async () => {
    const after = await eventsWithVerdicts(h.db, eq(events.projectId, P));
    expect(after).toHaveLength(before.length);
    const raw = new Map(before.map((e) => [e.id, e]));
    for (const e of after) {
      expect([e.id, e.prompt, e.response]).toEqual([e.id, raw.get(e.id)!.prompt, raw.get(e.id)!.response]);
      expect(e.cleanRunId).toBe(runId);
      expect(['kept', 'filtered']).toContain(e.cleanStatus);
      if (e.cleanStatus === 'filtered') expect(e.filterReason).toBeTruthy();
    }
  });

  it('leaves the numbers of every arithmetic interaction untouched, and keeps all but rephrasings of the same problem', async () => {
    const math = await eventsWithVerdicts(h.db, and(eq(events.projectId, P), eq(events.agentId, 'math-agent')));
    expect(math.length).toBeGreaterThanOrEqual(1000);
    const byId = new Map(math.map((e) => [e.id, e]));
    for (const e of math) {
      expect([e.cleanPrompt, e.cleanResponse]).toEqual([e.prompt, e.response]);
      // "What is 56+91?" and "Compute 56 + 91." with the same tool call and answer are one problem, reworded.
      if (e.cleanStatus === 'filtered')
        expect([e.filterReason, byId.get(e.duplicateOf!)?.response]).toEqual(['near_duplicate', e.response]);
    }
    expect(math.filter((e) => e.cleanStatus === 'kept').length).toBeGreaterThan(math.length * 0.99);
  });

  it('redacts PII in the clean text and records each redaction for review', async () => {
    const redactions = await h.db.select().from(cleanRedactions).where(eq(cleanRedactions.runId, runId));
    expect(redactions.length).toBeGreaterThan(20);
    const types = new Set(redactions.flatMap((r) => r.entities.map((e) => e.type)));
    expect([...types].sort()).toEqual(['CREDIT_CARD', 'EMAIL', 'IBAN', 'IP_ADDRESS', 'PHONE', 'SECRET', 'SSN']);
    const withEmail = before.find((e) => /account email is \S+@/.test(e.prompt))!;
    const [ev] = await eventsWithVerdicts(h.db, eq(events.id, withEmail.id));
    expect(ev!.cleanPrompt).toMatch(/account email is \[EMAIL\]\./);
    expect(ev!.prompt).toBe(withEmail.prompt);
  });

  it('points duplicates at kept originals and filters junk with named reasons', async () => {
    const filtered = await eventsWithVerdicts(h.db, and(eq(events.projectId, P), statusIs('filtered')));
    const reasons = new Set(filtered.map((e) => e.filterReason));
    for (const r of ['exact_duplicate', 'near_duplicate', 'empty', 'repeated_chars', 'markup_soup', 'mojibake', 'control_chars'])
      expect(reasons).toContain(r);
    const originals = filtered.filter((e) => e.duplicateOf).map((e) => e.duplicateOf!);
    const kept = (await eventsWithVerdicts(h.db, inArray(events.id, originals))).map((e) => ({ id: e.id, status: e.cleanStatus }));
    expect(kept.every((e) => e.status === 'kept')).toBe(true);
  });

  it('stores a report: complete counts, examples per reason, entity counts', async () => {
    const run = await engineer().run({ projectId: P, runId });
    expect(run.status).toBe('succeeded');
    expect(run.processed).toBe(before.length);
    const report = run.report!;
    expect(Object.values(report.counts).reduce((a, b) => a + b, 0)).toBe(before.length);
    expect(report.counts.kept).toBe(run.kept);
    expect(report.examples.exact_duplicate!.length).toBeGreaterThan(0);
    expect(report.examples.exact_duplicate![0]!.duplicateOf).toBeTruthy();
    expect(report.entities.EMAIL).toBeGreaterThan(0);
    // Examples are redacted too: a report never shows the personal data cleaning removed.
    expect(JSON.stringify(report.examples)).not.toMatch(/@gmail\.com|@outlook\.com/);
    const list = await engineer().runs({ projectId: P });
    expect(list.rows[0]).toMatchObject({ id: runId, status: 'succeeded', processed: before.length });
  });

  it('a later run over new events treats earlier kept ones as the originals', async () => {
    await h.db.insert(events).values([
      {
        id: 'evt_late_copy',
        projectId: P,
        agentId: 'support-bot',
        source: 'api',
        prompt: 'how do I change my password?',
        response: 'Go to Settings → Security → Change password.',
      },
      {
        id: 'evt_late_new',
        projectId: P,
        agentId: 'support-bot',
        source: 'api',
        prompt: 'What is 4096+1024?',
        response: '<call:calculator>4096+1024</call><result>5120</result><answer>5120</answer>',
      },
    ]);
    const second = await engineer().start({ projectId: P, scope: 'raw' });
    await runQueued();
    const run = await engineer().run({ projectId: P, runId: second.id });
    expect([run.total, run.processed, run.kept, run.filtered]).toEqual([2, 2, 1, 1]);
    const rows = await eventsWithVerdicts(h.db, inArray(events.id, ['evt_late_copy', 'evt_late_new']));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId.evt_late_copy).toMatchObject({ cleanStatus: 'filtered', filterReason: 'exact_duplicate' });
    // Its original is a demo event kept by the first run (whichever copy of the question arrived first).
    const [original] = await eventsWithVerdicts(h.db, eq(events.id, byId.evt_late_copy!.duplicateOf!));
    expect(original).toMatchObject({ cleanStatus: 'kept', cleanRunId: runId });
    expect(original!.prompt.trim().toLowerCase()).toBe('how do i change my password?');
    expect(byId.evt_late_new).toMatchObject({ cleanStatus: 'kept', cleanPrompt: 'What is 4096+1024?' });
  });

  it('a correction re-renders the clean text and becomes a gold label that the quality figures include', async () => {
    const { rows } = await engineer().redactions({ projectId: P, runId, review: 'pending', pageSize: 100 });
    const target = rows.find((r) => r.field === 'prompt' && r.found.some((e) => e.type === 'EMAIL'))!;
    expect(target.after).toContain('[EMAIL]');
    // Mark the e-mail as not PII, and the first word as a (made-up) missed SECRET, to see a span dropped and one added.
    const word = target.before.indexOf(' ');
    const corrected = await engineer().review({
      projectId: P,
      runId,
      eventId: target.eventId,
      field: 'prompt',
      verdict: 'corrected',
      entities: [{ type: 'SECRET', start: 0, end: word }],
    });
    expect(corrected.after).toContain('[SECRET]');
    expect(corrected.after).not.toContain('[EMAIL]');
    const [ev] = await eventsWithVerdicts(h.db, eq(events.id, target.eventId));
    expect(ev!.cleanPrompt).toBe(corrected.after);
    const [label] = await h.db.select().from(cleanGoldLabels).where(eq(cleanGoldLabels.eventId, target.eventId));
    expect(label).toMatchObject({ verdict: 'corrected', text: target.before, entities: [{ type: 'SECRET', start: 0, end: word }] });

    const other = rows.find((r) => r.eventId !== target.eventId)!;
    await engineer().review({ projectId: P, runId, eventId: other.eventId, field: other.field, verdict: 'approved' });
    const [labels] = await h.db.select({ n: count() }).from(cleanGoldLabels).where(eq(cleanGoldLabels.projectId, P));
    expect(labels!.n).toBe(2);

    const quality = await engineer().quality({ projectId: P });
    expect(quality.reviewed?.labels).toBe(2);
    // The corrected text now counts one missed SECRET and one spurious EMAIL against the redactor.
    expect(quality.pii.overall.gold).toBe(quality.goldPii.overall.gold + quality.reviewed!.overall.gold);
    expect(quality.reviewed!.overall.recall).toBeLessThan(1);
    expect(quality.reviewed!.overall.precision).toBeLessThan(1);

    await expect(
      engineer().review({
        projectId: P,
        runId,
        eventId: target.eventId,
        field: 'prompt',
        verdict: 'corrected',
        entities: [{ type: 'EMAIL', start: 5, end: 100_000 }],
      }),
    ).rejects.toThrow(/not inside the text/);
  });

  it('refuses a new run while the last one’s job still runs after it went live (indexing its keys for later runs)', async () => {
    const run = await engineer().start({ projectId: P, scope: 'raw' });
    const job = await claim(h.db, { workerId: 'test-worker', queues: ['default'], types: [CLEAN_JOB_TYPE] });
    // The run's work done and live while its job has not ended yet, as between going live and publishing its keys.
    const done = await executeCleanRun(h.db, P, run.id, { progress: async () => {} });
    expect([done.status, done.live]).toEqual(['succeeded', true]);
    await expect(engineer().start({ projectId: P, scope: 'raw' })).rejects.toThrow(/already in progress/);
    await runJobHere(h.db, job!, cleanJob, 1000);
    const next = await engineer().start({ projectId: P, scope: 'raw' });
    expect(next.status).toBe('queued');
    await runQueued();
  });
});
