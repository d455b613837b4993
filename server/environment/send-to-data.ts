// Sends a run's passing trajectories to the Data factory as interactions (source `environment`), so they can be
// rated, cleaned and trained on. They go through Data's own store like every other writer; idempotent: each becomes
// the event with client id `<run id>:<case id>`.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { environmentRuns, events, trajectories } from '@/db/schema';
import { storeEvents } from '@/server/data/ingest/store';
import { trajectoryTranscript } from './executor';

export type SendResult = { eligible: number; sent: number; alreadySent: number };

export const clientIdOf = (runId: string, caseId: string) => `${runId}:${caseId}`;

export async function sendRunToData(db: Db, projectId: string, runId: string): Promise<SendResult | null> {
  const [run] = await db
    .select()
    .from(environmentRuns)
    .where(and(eq(environmentRuns.projectId, projectId), eq(environmentRuns.id, runId)));
  if (!run) return null;
  const passed = await db
    .select()
    .from(trajectories)
    .where(and(eq(trajectories.runId, runId), eq(trajectories.passed, true)));
  const outcome = await storeEvents(
    db,
    { projectId, source: 'environment', batchId: null },
    passed.map((t, index) => ({
      index,
      item: {
        clientId: clientIdOf(runId, t.caseId),
        agentId: run.policyName ?? run.policy,
        prompt: t.prompt,
        response: trajectoryTranscript(t.steps),
        metadata: { scenarioId: t.scenarioId, runId, caseId: t.caseId, trajectoryId: t.id, policy: run.policy, expected: t.expected },
        occurredAt: t.createdAt,
      },
    })),
  );
  // Link each passing trajectory to its event, whether it was inserted now or by an earlier send.
  await db.execute(sql`
    update ${trajectories} set event_id = e.id
    from ${events} e
    where e.project_id = ${projectId} and e.client_id = ${trajectories.runId} || ':' || ${trajectories.caseId}
      and ${trajectories.runId} = ${runId} and ${trajectories.passed}`);
  const sent = outcome.stored.length;
  return { eligible: passed.length, sent, alreadySent: passed.length - sent };
}
