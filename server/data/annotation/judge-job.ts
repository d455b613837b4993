// `data.judge`: the project's LLM judge rates a queue's items, one chat completion per item, progress per item.
// Without a configured endpoint it fails at once and says so: it never invents scores.
import 'server-only';
import { shownExchange } from '../privacy';
import { and, asc, eq, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { annotationItems, events, judgeRatings, liveVerdicts } from '@/db/schema';
import { verdictColumns, verdictOfEvent } from '../cleaning/verdicts';
import { defineJob, PermanentJobError } from '@/server/jobs/registry';
import { chatComplete, ChatCompletionError, type ChatEndpoint } from '@/server/llm/chat-client';
import { NO_JUDGE_ENDPOINT } from './errors';
import { loadJudgeEndpoint } from './judge-endpoint';
import { judgeMessages, parseJudgeReply } from './judge-prompt';
import { getQueue } from './queues';

export const JUDGE_JOB_TYPE = 'data.judge';

export const judgeInput = z.object({
  queueId: z.string().min(1),
  /** Only items without a judge score yet; false re-rates every item (e.g. after changing the model). */
  onlyMissing: z.boolean().default(true),
  /** Requests in flight at once; raise for fast endpoints, keep low for rate-limited ones. */
  concurrency: z.number().int().min(1).max(8).default(2),
});
export type JudgeInput = z.infer<typeof judgeInput>;

export const judgeResult = z.object({
  queueId: z.string(),
  model: z.string(),
  total: z.number().int(),
  rated: z.number().int(),
  failed: z.number().int(),
  meanScore: z.number().nullable(),
  errors: z.array(z.object({ itemId: z.string(), message: z.string() })),
  /** One line for the UI: the queue overwrites the job's last progress message with "Done". */
  summary: z.string(),
});
export type JudgeResult = z.infer<typeof judgeResult>;

function itemsToJudge(db: Db, queueId: string, onlyMissing: boolean) {
  const where = [eq(annotationItems.queueId, queueId)];
  if (onlyMissing) where.push(notExists(sql`(select 1 from ${judgeRatings} where ${judgeRatings.itemId} = ${annotationItems.id})`));
  return (
    db
      .select({
        itemId: annotationItems.id,
        eventId: annotationItems.eventId,
        prompt: events.prompt,
        response: events.response,
        cleanPrompt: verdictColumns.cleanPrompt,
        cleanResponse: verdictColumns.cleanResponse,
      })
      .from(annotationItems)
      .innerJoin(events, eq(events.id, annotationItems.eventId))
      .leftJoin(liveVerdicts, verdictOfEvent)
      .where(and(...where))
      .orderBy(asc(annotationItems.position))
      // An external judge reads only what a rater would: cleaned text, or the raw text redacted here.
      .then((rows) => rows.map(({ itemId, eventId, ...text }) => ({ itemId, eventId, ...shownExchange(text) })))
  );
}

async function saveScore(
  db: Db,
  o: { projectId: string; queueId: string; itemId: string; eventId: string; value: number; reason: string; model: string; jobId: string },
) {
  await db
    .insert(judgeRatings)
    .values({ id: newId('jr'), ...o })
    .onConflictDoUpdate({
      target: judgeRatings.itemId,
      set: { value: o.value, reason: o.reason, model: o.model, jobId: o.jobId, createdAt: sql`now()` },
    });
}

export const judgeJob = defineJob({
  type: JUDGE_JOB_TYPE,
  description: "Rates an annotation queue's items with the project's LLM judge (an OpenAI-compatible chat-completions endpoint).",
  input: judgeInput,
  result: judgeResult,
  maxAttempts: 2,
  run: async ({ db, job, input, signal, progress, metrics }): Promise<JudgeResult> => {
    const endpoint: ChatEndpoint | null = await loadJudgeEndpoint(db, job.projectId);
    if (!endpoint) throw new PermanentJobError(NO_JUDGE_ENDPOINT);
    const queue = await getQueue(db, job.projectId, input.queueId);
    const items = await itemsToJudge(db, queue.id, input.onlyMissing);
    const result: JudgeResult = {
      queueId: queue.id,
      model: endpoint.model,
      total: items.length,
      rated: 0,
      failed: 0,
      meanScore: null,
      errors: [],
      summary: '',
    };
    if (!items.length) {
      result.summary = 'Nothing to rate: every item already has a judge score.';
      await progress(1, result.summary);
      return result;
    }
    await progress(0, `Rating ${items.length} items with ${endpoint.model}`);
    let next = 0;
    let done = 0;
    let sum = 0;
    let refused: ChatCompletionError | null = null;
    const status = () => `Rated ${result.rated} of ${items.length}${result.failed ? ` (${result.failed} failed)` : ''}`;

    const worker = async () => {
      while (next < items.length && !refused) {
        const item = items[next++]!;
        try {
          const reply = await chatComplete(
            endpoint,
            {
              messages: judgeMessages({ instructions: queue.instructions, prompt: item.prompt, response: item.response }),
              maxTokens: 300,
              signal,
            },
            {
              onRetry: (e, attempt, delay) =>
                void progress(done / items.length, `${e.message} — retry ${attempt} in ${(delay / 1000).toFixed(1)} s`).catch(() => {}),
            },
          );
          const { score, reason } = parseJudgeReply(reply.content);
          await saveScore(db, {
            projectId: job.projectId,
            queueId: queue.id,
            itemId: item.itemId,
            eventId: item.eventId,
            value: score,
            reason,
            model: reply.model,
            jobId: job.id,
          });
          result.rated++;
          sum += score;
          await metrics([{ name: 'judge_score', step: result.rated, value: score }]);
        } catch (err) {
          if (signal.aborted) throw err;
          // Bad key, unknown model, wrong URL: every other item would fail the same way, so stop and say so.
          if (err instanceof ChatCompletionError && !err.retryable) {
            refused = err;
            return;
          }
          result.failed++;
          if (result.errors.length < 20) result.errors.push({ itemId: item.itemId, message: (err as Error).message });
        }
        done++;
        await progress(done / items.length, status());
      }
    };
    await Promise.all(Array.from({ length: Math.min(input.concurrency, items.length) }, worker));
    if (refused)
      throw new PermanentJobError(`The judge endpoint refused the request after ${result.rated} scores: ${(refused as Error).message}`);
    if (result.rated === 0)
      throw new PermanentJobError(`The judge scored none of ${items.length} items. First error: ${result.errors[0]?.message ?? 'unknown'}`);
    result.meanScore = sum / result.rated;
    result.summary = status();
    await progress(1, result.summary);
    return result;
  },
});
