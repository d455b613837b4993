// Verdicts set directly in tests, through the real tables: a succeeded live run (created when missing) and its row.
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { cleanRuns, cleanVerdicts, events, liveVerdicts, type CleanStatus } from '@/db/schema';
import { verdictColumns, verdictOfEvent } from '@/server/data/cleaning/verdicts';

export type TestVerdict = {
  status: Exclude<CleanStatus, 'raw'>;
  filterReason?: string | null;
  duplicateOf?: string | null;
  /** NULL (the default) means "same as the raw text". */
  cleanPrompt?: string | null;
  cleanResponse?: string | null;
  runId?: string;
};

export async function setVerdict(db: Db, projectId: string, eventId: string, v: TestVerdict): Promise<void> {
  const runId = v.runId ?? 'clean_test_run';
  await db
    .insert(cleanRuns)
    .values({ id: runId, projectId, scope: 'all', config: {}, status: 'succeeded', live: true })
    .onConflictDoNothing();
  const row = {
    status: v.status,
    filterReason: v.filterReason ?? null,
    duplicateOf: v.duplicateOf ?? null,
    cleanPrompt: v.cleanPrompt ?? null,
    cleanResponse: v.cleanResponse ?? null,
  };
  await db
    .insert(cleanVerdicts)
    .values({ eventId, runId, projectId, ...row, occurredAt: sql`(select occurred_at from events where id = ${eventId})` })
    .onConflictDoUpdate({ target: [cleanVerdicts.eventId, cleanVerdicts.runId], set: row });
}

/** Events with their current verdict, as every reader sees them. */
export function eventsWithVerdicts(db: Db, where: SQL | undefined) {
  return db
    .select({ ...getTableColumns(events), ...verdictColumns })
    .from(events)
    .leftJoin(liveVerdicts, verdictOfEvent)
    .where(where)
    .orderBy(events.occurredAt, events.id);
}

export const ofProject = (projectId: string, ...more: SQL[]) => and(eq(events.projectId, projectId), ...more);
