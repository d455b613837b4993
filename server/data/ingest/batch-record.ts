// The record of one ingestion (an API request, an upload, a CLI upload): written before its first event is stored,
// and always finished — with its counts, its rejections, or the error that stopped it — so every stored event's
// batch exists and says what happened.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { ingestBatches, type IngestBatch } from '@/db/schema';

export type BatchStart = Pick<IngestBatch, 'projectId' | 'kind' | 'fileName' | 'format' | 'createdBy'>;
export type BatchTotals = Pick<IngestBatch, 'bytes' | 'lines' | 'stored' | 'duplicates' | 'rejected' | 'rejections' | 'error'>;

/** Postgres text and jsonb refuse NUL; a reason quoting the bad input must still be storable. */
export const storable = (text: string) => text.replaceAll('\u0000', '\\u0000');

export async function openBatch(db: Db, start: BatchStart): Promise<string> {
  const id = newId('batch');
  await db.insert(ingestBatches).values({ id, ...start, status: 'receiving' });
  return id;
}

export async function finishBatch(db: Db, id: string, totals: BatchTotals, status: 'done' | 'failed' = 'done'): Promise<void> {
  await db
    .update(ingestBatches)
    .set({
      ...totals,
      rejections: totals.rejections.map((r) => ({ line: r.line, reason: storable(r.reason) })),
      error: totals.error === null ? null : storable(totals.error),
      status,
      finishedAt: sql`now()`,
    })
    .where(eq(ingestBatches.id, id));
}
