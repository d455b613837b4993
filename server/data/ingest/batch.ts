// One API batch: validate each item, store the good ones, and say per item what happened (stored, duplicate, rejected).
import type { Db } from '@/db';
import type { EventSource } from '@/db/schema';
import { finishBatch, openBatch } from './batch-record';
import { checkItem } from './item';
import { storeEvents, type Indexed } from './store';
import { noteBulkWrite } from '../stats-refresh';
import { DomainError } from '@/server/domain-error';

export const MAX_BATCH_ITEMS = 1_000;

export type BatchReply = {
  batch_id: string;
  counts: { received: number; stored: number; duplicates: number; rejected: number };
  stored: { index: number; id: string; client_id: string | null }[];
  duplicates: { index: number; id: string; client_id: string | null }[];
  rejected: { index: number; reason: string }[];
};

const batchTooLarge = (count: number) =>
  new DomainError(
    'too_large',
    `Too many events in one batch: ${count.toLocaleString('en-US')} (the limit is ${MAX_BATCH_ITEMS.toLocaleString('en-US')}). Split them into batches of at most ${MAX_BATCH_ITEMS.toLocaleString('en-US')}.`,
  );

export async function ingestBatch(db: Db, o: { projectId: string; source: EventSource; items: unknown[] }): Promise<BatchReply> {
  if (o.items.length > MAX_BATCH_ITEMS) throw batchTooLarge(o.items.length);
  const valid: Indexed[] = [];
  const rejected: BatchReply['rejected'] = [];
  o.items.forEach((raw, index) => {
    const checked = checkItem(raw);
    if (checked.ok) valid.push({ index, item: checked.item });
    else rejected.push({ index, reason: checked.reason });
  });
  const batchId = await openBatch(db, {
    projectId: o.projectId,
    kind: 'api',
    fileName: 'POST /api/v1/events',
    format: 'json',
    createdBy: null,
  });
  let outcome: Awaited<ReturnType<typeof storeEvents>> | null;
  try {
    outcome = valid.length ? await storeEvents(db, { projectId: o.projectId, source: o.source, batchId }, valid) : null;
  } catch (err) {
    const totals = { bytes: 0, lines: o.items.length, stored: 0, duplicates: 0, rejected: rejected.length, rejections: [] };
    await finishBatch(db, batchId, { ...totals, error: 'stopped on a server error' }, 'failed').catch(() => {});
    throw err;
  }
  rejected.push(...(outcome?.failed ?? []));
  rejected.sort((a, b) => a.index - b.index);
  const ref = (r: { index: number; id: string; clientId: string | null }) => ({ index: r.index, id: r.id, client_id: r.clientId });
  const stored = (outcome?.stored ?? []).map(ref).sort((a, b) => a.index - b.index);
  const duplicates = (outcome?.duplicates ?? []).map(ref).sort((a, b) => a.index - b.index);
  // The explorer's statistics are refreshed after the reply, once enough batches have landed (debounced).
  noteBulkWrite(db, 'events', stored.length);
  await finishBatch(db, batchId, {
    bytes: 0,
    lines: o.items.length,
    stored: stored.length,
    duplicates: duplicates.length,
    rejected: rejected.length,
    rejections: rejected.slice(0, 100).map((r) => ({ line: r.index, reason: r.reason })),
    error: null,
  });
  return {
    batch_id: batchId,
    counts: { received: o.items.length, stored: stored.length, duplicates: duplicates.length, rejected: rejected.length },
    stored,
    duplicates,
    rejected,
  };
}
