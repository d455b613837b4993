// Stores validated events with multi-row inserts (one statement per chunk). A client id is unique per project, so `ON CONFLICT DO NOTHING`
// makes a retried batch store nothing twice; what was skipped is reported as a duplicate of the earlier send.
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { events, type EventSource } from '@/db/schema';
import { sqlState } from '@/db/errors';
import { rowsOf } from '../sql-rows';
import type { ValidItem } from './item';

/** Rows per INSERT: one API batch (≤ 1,000) is one statement. */
export const INSERT_CHUNK = 1_000;

export type Indexed = { index: number; item: ValidItem };
export type StoredRef = { index: number; id: string; clientId: string | null };
export type StoreOutcome = {
  stored: StoredRef[];
  /** Items whose client id was already stored (an earlier send, or earlier in this same batch). */
  duplicates: StoredRef[];
  /** Items the database itself refused (rare: what validation could not foresee), with its message. */
  failed: { index: number; reason: string }[];
};

export type StoreTarget = { projectId: string; source: EventSource; batchId: string | null };

export async function storeEvents(db: Db, target: StoreTarget, items: Indexed[]): Promise<StoreOutcome> {
  const out: StoreOutcome = { stored: [], duplicates: [], failed: [] };
  // A client id repeated inside one batch: the first occurrence is the one stored, later ones are duplicates.
  const firstByClientId = new Map<string, number>();
  const unique: Indexed[] = [];
  const repeats: Indexed[] = [];
  for (const it of items) {
    const cid = it.item.clientId;
    if (cid !== null && firstByClientId.has(cid)) repeats.push(it);
    else {
      if (cid !== null) firstByClientId.set(cid, it.index);
      unique.push(it);
    }
  }
  for (let i = 0; i < unique.length; i += INSERT_CHUNK) await insertChunk(db, target, unique.slice(i, i + INSERT_CHUNK), out);

  const conflicted = [...out.duplicates.map((d) => d.clientId!), ...repeats.map((r) => r.item.clientId!)];
  if (conflicted.length) {
    const existing = await idsOfClientIds(db, target.projectId, conflicted);
    out.duplicates = out.duplicates.map((d) => ({ ...d, id: existing.get(d.clientId!) ?? d.id }));
    for (const r of repeats) {
      const id = existing.get(r.item.clientId!);
      // No stored row means its first occurrence was refused by the database: this one cannot be stored either.
      if (id) out.duplicates.push({ index: r.index, id, clientId: r.item.clientId });
      else
        out.failed.push({
          index: r.index,
          reason: `same "id" as item ${firstByClientId.get(r.item.clientId!)}, which could not be stored`,
        });
    }
  }
  return out;
}

async function insertChunk(db: Db, target: StoreTarget, chunk: Indexed[], out: StoreOutcome) {
  const ids = chunk.map(() => newId('evt'));
  let inserted: Set<string>;
  try {
    inserted = new Set(await insertRows(db, target, ids, chunk));
  } catch (err) {
    if (!isDataError(err)) throw err;
    if (chunk.length === 1) {
      // A refusal of this one item (what validation could not foresee) is its rejection, never the batch's failure.
      out.failed.push({ index: chunk[0]!.index, reason: `the database refused it (${databaseReason(err)})` });
      return;
    }
    // One bad row fails the whole statement: store the rest one by one and name the row the database refused.
    for (const one of chunk) await insertChunk(db, target, [one], out);
    return;
  }
  chunk.forEach((it, k) => {
    const ref = { index: it.index, id: ids[k]!, clientId: it.item.clientId };
    (inserted.has(ref.id) ? out.stored : out.duplicates).push(ref);
  });
}

/**
 * One INSERT for the whole chunk, its columns passed as arrays and spread by unnest(): the statement text and its
 * 7 parameters are the same whatever the chunk size, so neither Drizzle nor Postgres does per-row SQL work
 * (measured ~2–5× the rows/s of a VALUES list built by Drizzle, whose per-row query building dominated).
 * Returns the ids actually inserted; the others hit an existing (project, client id).
 */
async function insertRows(db: Db, target: StoreTarget, ids: string[], chunk: Indexed[]): Promise<string[]> {
  const col = <T>(pick: (i: Indexed['item']) => T) => sql.param(chunk.map((c) => pick(c.item)));
  const res = await db.execute(sql`
    insert into events (id, project_id, client_id, agent_id, source, prompt, response, metadata, batch_id, occurred_at)
    select v.id, ${target.projectId}, v.client_id, v.agent_id, ${target.source}::event_source, v.prompt, v.response,
      v.metadata::jsonb, ${target.batchId}, coalesce(v.occurred_at, now())
    from unnest(
      ${sql.param(ids)}::text[], ${col((i) => i.clientId)}::text[], ${col((i) => i.agentId)}::text[],
      ${col((i) => i.prompt)}::text[], ${col((i) => i.response)}::text[], ${col((i) => JSON.stringify(i.metadata))}::text[],
      ${col((i) => i.occurredAt?.toISOString() ?? null)}::text[]::timestamptz[]
    ) as v(id, client_id, agent_id, prompt, response, metadata, occurred_at)
    on conflict do nothing
    returning id`);
  return rowsOf<{ id: string }>(res).map((r) => r.id);
}

async function idsOfClientIds(db: Db, projectId: string, clientIds: string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const distinct = [...new Set(clientIds)];
  for (let i = 0; i < distinct.length; i += INSERT_CHUNK) {
    const rows = await db
      .select({ id: events.id, clientId: events.clientId })
      .from(events)
      .where(and(eq(events.projectId, projectId), inArray(events.clientId, distinct.slice(i, i + INSERT_CHUNK))));
    for (const r of rows) map.set(r.clientId!, r.id);
  }
  return map;
}

/**
 * The database's own words for a refused row, without the statement or its parameters (Drizzle's wrapper message
 * quotes both): the driver error's message, e.g. `invalid byte sequence for encoding "UTF8": 0x00`.
 */
function databaseReason(err: unknown): string {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.message === 'string') return e.message.slice(0, 200);
  }
  return 'a value it cannot store';
}

/** SQLSTATE class 22 (data exception, e.g. bad encoding) and 23 (integrity): faults of a row, not of the connection. */
function isDataError(err: unknown): boolean {
  const code = sqlState(err);
  return !!code && (code.startsWith('22') || code.startsWith('23'));
}
