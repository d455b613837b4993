// The LLM judge as a job, against a real local HTTP server speaking chat completions (a stand-in for the external
// endpoint): scores land, retries happen, agreement with humans is computed; and without an endpoint it says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import { jobMetrics, jobs, judgeEndpoints, judgeRatings } from '@/db/schema';
import { claim, enqueue } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { startFakeChatServer, type FakeChatServer } from '@/server/llm/testing/fake-chat-server';
import { NO_JUDGE_ENDPOINT } from './errors';
import { judgeJob, JUDGE_JOB_TYPE } from './judge-job';
import { callerFor, dbWithEvents, P } from './testing';

let h: DbHandle;
let server: FakeChatServer;
let mode: 'grade' | 'refuse' = 'grade';
const eng = () => callerFor(h, 'user_engineer');
const ann = () => callerFor(h, 'user_annotator');
const admin = () => callerFor(h, 'user_admin');

/** A judge that checks the arithmetic: 1 when the final answer is the sum, else 0; answers in varied shapes. */
async function fakeJudge() {
  return startFakeChatServer((body, n, headers) => {
    if (mode === 'refuse' || headers.authorization !== 'Bearer sk-judge-test')
      return { status: 401, body: '{"error":{"message":"invalid api key"}}' };
    if (n === 1) return { status: 429, headers: { 'retry-after': '0' }, body: '{"error":{"message":"rate limited"}}' };
    const text = body.messages.at(-1)!.content;
    const [, a, b] = /What is (\d+)\+(\d+)\?/.exec(text)!;
    const answer = Number(/<answer>(\d+)<\/answer>/.exec(text)![1]);
    const score = answer === Number(a) + Number(b) ? 1 : 0;
    return {
      content:
        n % 2
          ? '```json\n{"score": ' + score + ', "reason": "checked the sum"}\n```'
          : `Verdict: {"score": "${score}", "reason": "sum checked"}`,
    };
  });
}

async function runClaimedJudge(jobId: string) {
  const claimed = await claim(h.db, { workerId: 'test-worker', queues: ['default'], types: [JUDGE_JOB_TYPE] });
  expect(claimed?.id).toBe(jobId);
  await runJobHere(h.db, claimed!, judgeJob, 1000);
  const [job] = await h.db.select().from(jobs).where(eq(jobs.id, jobId));
  return job!;
}

let queueId: string;
beforeAll(async () => {
  h = await dbWithEvents(24);
  server = await fakeJudge();
  const q = await eng().createQueue({ projectId: P, name: 'judged', overlap: 2, instructions: 'Is the final answer the correct sum?' });
  queueId = q.id;
  await eng().addItems({ projectId: P, queueId, mode: 'ids', eventIds: Array.from({ length: 24 }, (_, i) => `evt_t${i}`) });
  await eng().assign({ projectId: P, queueId, strategy: 'everyone', userIds: ['user_annotator', 'user_engineer'] });
  // Two humans who rate correctness, disagreeing by one step on a couple of items.
  for (const [who, caller] of [
    ['ann', ann()],
    ['eng', eng()],
  ] as const) {
    const { items } = await caller.myItems({ projectId: P, queueId });
    for (const it of items) {
      const item = await caller.item({ projectId: P, assignmentId: it.assignmentId });
      const correct = Number(item.eventId.slice(5)) % 2 === 0;
      const off = who === 'eng' && ['evt_t3', 'evt_t8'].includes(item.eventId);
      await caller.rate({
        projectId: P,
        assignmentId: it.assignmentId,
        value: correct ? (off ? 0.75 : 1) : off ? 0.25 : 0,
        durationMs: 5000,
      });
    }
  }
});
afterAll(async () => {
  await server.close();
  await h.close();
});

describe('LLM judge', () => {
  it('without an endpoint, says so plainly: in the API and in the job itself', async () => {
    const refused = await eng()
      .runJudge({ projectId: P, queueId })
      .catch((e) => e);
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toBe(NO_JUDGE_ENDPOINT);
    expect(NO_JUDGE_ENDPOINT).toMatch(/^No judge endpoint configured for this project/);
    const job = await enqueue(h.db, { projectId: P, type: JUDGE_JOB_TYPE, input: { queueId } });
    const done = await runClaimedJudge(job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toBe(NO_JUDGE_ENDPOINT);
    expect(await h.db.select().from(judgeRatings)).toHaveLength(0);
    const report = await eng().report({ projectId: P, queueId });
    expect(report.judge).toBeNull();
    expect(report.verdict.status).toBe('no_judge');
  });

  it('keeps the API key sealed and never returns it', async () => {
    const saved = await admin().saveJudgeSettings({ projectId: P, baseUrl: server.baseUrl, model: 'fake-judge', apiKey: 'sk-judge-test' });
    expect(saved).toMatchObject({ baseUrl: server.baseUrl, model: 'fake-judge', hasApiKey: true, apiKeyHint: 'test' });
    expect(JSON.stringify(saved)).not.toContain('sk-judge');
    expect(JSON.stringify(await eng().judgeSettings({ projectId: P }))).not.toContain('sk-judge');
    const [row] = await h.db.select().from(judgeEndpoints);
    expect(row!.apiKeySealed).not.toContain('sk-judge');
    // Saving again without a key keeps the one already stored, for the same URL.
    expect(await admin().saveJudgeSettings({ projectId: P, baseUrl: server.baseUrl, model: 'fake-judge' })).toMatchObject({
      hasApiKey: true,
    });
  });

  it('never lets the stored key follow the endpoint to another URL, and only admins move it', async () => {
    // An engineer may pick the model, but not where the requests (and the key) go.
    const refused = await eng()
      .saveJudgeSettings({ projectId: P, baseUrl: 'http://127.0.0.1:9/v1', model: 'fake-judge' })
      .catch((e) => e);
    expect(refused.code).toBe('FORBIDDEN');
    expect(await eng().setJudgeModel({ projectId: P, model: 'fake-judge' })).toMatchObject({ model: 'fake-judge', hasApiKey: true });
    // An admin moving the endpoint without giving a key drops the old one: nothing is sent to the new URL.
    const elsewhere = await startFakeChatServer(() => ({ content: '{"score": 1, "reason": "ok"}' }));
    try {
      const moved = await admin().saveJudgeSettings({ projectId: P, baseUrl: elsewhere.baseUrl, model: 'fake-judge' });
      expect(moved).toMatchObject({ baseUrl: elsewhere.baseUrl, hasApiKey: false });
      const job = await enqueue(h.db, { projectId: P, type: JUDGE_JOB_TYPE, input: { queueId } });
      await runClaimedJudge(job.id);
      expect(elsewhere.requests.length).toBeGreaterThan(0);
      for (const r of elsewhere.requests) expect(r.headers.authorization).toBeUndefined();
    } finally {
      await elsewhere.close();
      await h.db.delete(judgeRatings).where(eq(judgeRatings.queueId, queueId));
      await admin().saveJudgeSettings({ projectId: P, baseUrl: server.baseUrl, model: 'fake-judge', apiKey: 'sk-judge-test' });
    }
  });

  it('scores every item through the endpoint, retrying a 429, and its agreement with humans earns trust', async () => {
    const job = await eng().runJudge({ projectId: P, queueId });
    const again = await eng()
      .runJudge({ projectId: P, queueId })
      .catch((e) => e);
    expect(again.code).toBe('CONFLICT');
    const done = await runClaimedJudge(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.result).toMatchObject({ total: 24, rated: 24, failed: 0, meanScore: 0.5, summary: 'Rated 24 of 24' });
    expect(server.requests.length).toBe(25); // one 429, then one per item
    expect(server.requests[1]!.body.messages[1]!.content).toContain('Is the final answer the correct sum?');
    const scores = await h.db.select().from(judgeRatings);
    expect(scores).toHaveLength(24);
    for (const s of scores) expect(s.value).toBe(Number(s.eventId.slice(5)) % 2 === 0 ? 1 : 0);
    expect((await h.db.select().from(jobMetrics).where(eq(jobMetrics.jobId, job.id))).length).toBe(24);

    const report = await eng().report({ projectId: P, queueId });
    expect(report.judge).toMatchObject({ coRatedItems: 24, scored: 24, models: ['fake-judge'] });
    expect(report.judge!.meanAbsDiffVsMean).toBeCloseTo((0.125 * 2) / 24, 10);
    expect(report.humans.alpha!).toBeGreaterThan(0.9);
    expect(report.judge!.alpha!).toBeGreaterThan(0.9);
    expect(report.verdict).toMatchObject({ trusted: true, status: 'trusted' });
    expect(report.distribution.rows.find((r) => r.label === '1')!.counts.judge).toBe(12);
  });

  it('stops at once when the endpoint refuses the key, keeping nothing invented', async () => {
    mode = 'refuse';
    const job = await eng().runJudge({ projectId: P, queueId, onlyMissing: false });
    const done = await runClaimedJudge(job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/refused the request after 0 scores: .*HTTP 401.*invalid api key/);
    mode = 'grade';
  });

  it('has nothing to do when every item already has a score', async () => {
    const job = await eng().runJudge({ projectId: P, queueId });
    const done = await runClaimedJudge(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ rated: 0, summary: expect.stringMatching(/^Nothing to rate/) });
  });
});
