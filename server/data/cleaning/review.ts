// Reviewing redactions: list a run's before/after texts, approve them, or correct them (drop a span that is not PII,
// add one that was missed). A verdict is stored as a labelled example for the gold set, and the event's clean text is
// re-rendered from the reviewed spans.
import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { cleanGoldLabels, cleanRedactions, cleanVerdicts } from '@/db/schema';
import { applyRedactions } from './pii/detect';
import { isPiiType, type Entity } from '@/common/pii-types';
import { paged } from '@/db/paging';
import { fieldError } from '@/server/domain-error';

export type ReviewFilter = 'pending' | 'reviewed' | 'all';

export async function listRedactions(
  db: Db,
  projectId: string,
  runId: string,
  o: { review: ReviewFilter; page: number; pageSize: number },
) {
  const where = and(
    eq(cleanRedactions.projectId, projectId),
    eq(cleanRedactions.runId, runId),
    o.review === 'pending'
      ? eq(cleanRedactions.review, 'pending')
      : o.review === 'reviewed'
        ? sql`${cleanRedactions.review} <> 'pending'`
        : undefined,
  );
  const listed = await paged(
    o,
    (limit, offset) =>
      db
        .select({
          eventId: cleanRedactions.eventId,
          field: cleanRedactions.field,
          before: cleanRedactions.before,
          after: cleanRedactions.after,
          found: cleanRedactions.entities,
          review: cleanRedactions.review,
          reviewedAt: cleanRedactions.reviewedAt,
          // The reviewer's spans, when this text was reviewed (in any run: the label is per event side).
          labelled: cleanGoldLabels.entities,
        })
        .from(cleanRedactions)
        .leftJoin(
          cleanGoldLabels,
          and(
            eq(cleanGoldLabels.projectId, cleanRedactions.projectId),
            eq(cleanGoldLabels.eventId, cleanRedactions.eventId),
            eq(cleanGoldLabels.field, cleanRedactions.field),
            eq(cleanGoldLabels.text, cleanRedactions.before),
          ),
        )
        .where(where)
        .orderBy(asc(cleanRedactions.eventId), asc(cleanRedactions.field))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(cleanRedactions).where(where),
  );
  return listed;
}

/** Spans a reviewer gave, checked against the text: known types, inside it, non-empty, not overlapping. */
export function validateSpans(text: string, spans: readonly { type: string; start: number; end: number }[]): Entity[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  sorted.forEach((s, i) => {
    if (!isPiiType(s.type)) throw fieldError('entities', `Span ${i + 1}: unknown type "${s.type}".`);
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > text.length || s.start >= s.end) {
      throw fieldError('entities', `Span ${i + 1} (${s.start}–${s.end}) is not inside the text (0–${text.length}).`);
    }
    const prev = sorted[i - 1];
    if (prev && s.start < prev.end) throw fieldError('entities', `Spans ${prev.start}–${prev.end} and ${s.start}–${s.end} overlap.`);
  });
  return sorted as Entity[];
}

export type Review = {
  projectId: string;
  runId: string;
  eventId: string;
  field: 'prompt' | 'response';
  verdict: 'approved' | 'corrected';
  /** The spans that really are PII; required for `corrected` (empty: nothing here is PII). */
  entities?: { type: string; start: number; end: number }[];
  userId: string;
};

export async function reviewRedaction(db: Db, r: Review) {
  const [row] = await db
    .select()
    .from(cleanRedactions)
    .where(
      and(
        eq(cleanRedactions.projectId, r.projectId),
        eq(cleanRedactions.runId, r.runId),
        eq(cleanRedactions.eventId, r.eventId),
        eq(cleanRedactions.field, r.field),
      ),
    );
  if (!row) throw fieldError('eventId', 'No such redaction in this run.');
  if (r.verdict === 'corrected' && !r.entities)
    throw fieldError('entities', 'A correction lists the spans that are PII (an empty list when none is).');
  const spans = r.verdict === 'approved' ? (row.entities as Entity[]) : validateSpans(row.before, r.entities!);
  const after = applyRedactions(row.before, spans);
  const now = new Date();
  return db.transaction(async (tx) => {
    await tx
      .update(cleanRedactions)
      .set({ review: r.verdict, after, reviewedBy: r.userId, reviewedAt: now })
      .where(and(eq(cleanRedactions.runId, r.runId), eq(cleanRedactions.eventId, r.eventId), eq(cleanRedactions.field, r.field)));
    await tx
      .insert(cleanGoldLabels)
      .values({
        id: newId('lbl'),
        projectId: r.projectId,
        eventId: r.eventId,
        field: r.field,
        text: row.before,
        entities: spans,
        verdict: r.verdict,
        runId: r.runId,
        createdBy: r.userId,
      })
      .onConflictDoUpdate({
        target: [cleanGoldLabels.projectId, cleanGoldLabels.eventId, cleanGoldLabels.field],
        set: { text: row.before, entities: spans, verdict: r.verdict, runId: r.runId, createdBy: r.userId, updatedAt: now },
      });
    // The event's clean text follows the review, as long as this run's verdict is still the current one.
    // (The run's own verdict row, live or not: it is the only row of that run for that event.)
    const column = r.field === 'prompt' ? { cleanPrompt: after } : { cleanResponse: after };
    await tx
      .update(cleanVerdicts)
      .set(column)
      .where(and(eq(cleanVerdicts.projectId, r.projectId), eq(cleanVerdicts.eventId, r.eventId), eq(cleanVerdicts.runId, r.runId)));
    return { eventId: r.eventId, field: r.field, verdict: r.verdict, after, entities: spans };
  });
}
