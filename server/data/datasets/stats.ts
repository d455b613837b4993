// A version's statistics, computed once when it is built (it never changes after): length histograms, the rating
// distribution of its examples, and where they came from.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  datasetExamples,
  eventRatings,
  events,
  type CleanStatus,
  type DatasetStats,
  type EventSource,
  type HistogramBin,
} from '@/db/schema';

/** Power-of-two bins: prompts of 12 and of 2,000 characters both get a readable bar. */
const LENGTH_EDGES = [0, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];
const RATING_EDGES = [0, 0.2, 0.4, 0.6, 0.8];

const k = (n: number) => (n >= 1024 ? `${n / 1024}k` : String(n));

export function lengthHistogram(lengths: number[]): HistogramBin[] {
  const bins = LENGTH_EDGES.map((from, i) => {
    const to = LENGTH_EDGES[i + 1] ?? Infinity;
    return { label: to === Infinity ? `${k(from)}+` : `${k(from)}–${k(to - 1)}`, from, to: to === Infinity ? -1 : to, count: 0 };
  });
  for (const len of lengths) {
    let i = LENGTH_EDGES.length - 1;
    while (i > 0 && len < LENGTH_EDGES[i]!) i--;
    bins[i]!.count++;
  }
  // Only the span that holds data, so the chart is not mostly empty bars.
  const first = bins.findIndex((b) => b.count > 0);
  const last = bins.findLastIndex((b) => b.count > 0);
  return first < 0 ? [] : bins.slice(first, last + 1);
}

export function ratingHistogram(ratings: number[]): HistogramBin[] {
  const bins = RATING_EDGES.map((from, i) => {
    const to = RATING_EDGES[i + 1] ?? 1;
    return { label: `${from.toFixed(1)}–${to.toFixed(1)}`, from, to, count: 0 };
  });
  for (const r of ratings) bins[Math.min(bins.length - 1, Math.floor(r / 0.2 + 1e-9))]!.count++;
  return bins;
}

export async function computeStats(db: Db, projectId: string, datasetId: string): Promise<DatasetStats> {
  const rows = await db
    .select({
      promptLength: sql<number>`length(${datasetExamples.prompt})`.mapWith(Number),
      responseLength: sql<number>`length(${datasetExamples.response})`.mapWith(Number),
      cleaned: datasetExamples.cleaned,
      source: events.source,
      cleanStatus: events.cleanStatus,
      rating: eventRatings.meanRating,
    })
    .from(datasetExamples)
    .leftJoin(events, eq(events.id, datasetExamples.eventId))
    .leftJoin(eventRatings, eq(eventRatings.eventId, datasetExamples.eventId))
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId)));
  const bySource: Partial<Record<EventSource, number>> = {};
  const byCleanStatus: Partial<Record<CleanStatus, number>> = {};
  const ratings: number[] = [];
  for (const r of rows) {
    if (r.source) bySource[r.source] = (bySource[r.source] ?? 0) + 1;
    if (r.cleanStatus) byCleanStatus[r.cleanStatus] = (byCleanStatus[r.cleanStatus] ?? 0) + 1;
    if (r.rating !== null && r.rating !== undefined) ratings.push(Number(r.rating));
  }
  return {
    promptLength: lengthHistogram(rows.map((r) => r.promptLength)),
    responseLength: lengthHistogram(rows.map((r) => r.responseLength)),
    rating: ratingHistogram(ratings),
    rated: ratings.length,
    cleaned: rows.filter((r) => r.cleaned).length,
    bySource,
    byCleanStatus,
  };
}
