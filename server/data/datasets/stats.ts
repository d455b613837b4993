// A version's statistics, computed once when it is built (it never changes after): length histograms, the rating
// distribution of its examples, and where they came from.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  datasetExamples,
  eventRatings,
  events,
  liveVerdicts,
  type CleanStatus,
  type DatasetStats,
  type EventSource,
  type HistogramBin,
} from '@/db/schema';
import { verdictColumns } from '../cleaning/verdicts';

const RATING_EDGES = [0, 0.2, 0.4, 0.6, 0.8];
/** About this many bars: enough to see a shape, few enough to label each one. */
const TARGET_BINS = 12;
/** Past this max/min ratio, equal-width bars would put nearly everything in the first one: widths grow geometrically. */
const GEOMETRIC_RATIO = 40;

const k = (n: number) =>
  n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k` : String(n);

/** 1, 2 or 5 times a power of ten: bar edges people can read (20–39, not 17–33). */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Edges that cover [min, max]: equal nice widths, or geometric ones when the lengths span orders of magnitude. */
function lengthEdges(min: number, max: number): number[] {
  if (max / Math.max(min, 1) > GEOMETRIC_RATIO) {
    const lo = Math.log(Math.max(min, 1));
    const step = (Math.log(max + 1) - lo) / TARGET_BINS;
    const edges = [min];
    for (let i = 1; i <= TARGET_BINS; i++) {
      const e = Math.round(Math.exp(lo + step * i));
      if (e > edges.at(-1)!) edges.push(e);
    }
    if (edges.at(-1)! <= max) edges.push(max + 1);
    return edges;
  }
  const width = niceStep((max - min + 1) / TARGET_BINS);
  const edges = [Math.floor(min / width) * width];
  while (edges.at(-1)! <= max) edges.push(edges.at(-1)! + width);
  return edges;
}

/** Length bars fitted to the data: a dataset whose prompts are all 20–60 characters long gets a dozen bars, not two. */
export function lengthHistogram(lengths: number[]): HistogramBin[] {
  if (!lengths.length) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const len of lengths) {
    if (len < min) min = len;
    if (len > max) max = len;
  }
  const edges = lengthEdges(min, max);
  const bins = edges.slice(0, -1).map((from, i) => {
    const to = edges[i + 1]!;
    return { label: to - from === 1 ? k(from) : `${k(from)}–${k(to - 1)}`, from, to, count: 0 };
  });
  for (const len of lengths) {
    let lo = 0;
    let hi = bins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bins[mid]!.from <= len) lo = mid;
      else hi = mid - 1;
    }
    bins[lo]!.count++;
  }
  return bins;
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
      cleanStatus: sql<CleanStatus | null>`case when ${events.id} is null then null else ${verdictColumns.cleanStatus} end`,
      rating: eventRatings.meanRating,
    })
    .from(datasetExamples)
    .leftJoin(events, eq(events.id, datasetExamples.eventId))
    .leftJoin(liveVerdicts, eq(liveVerdicts.eventId, datasetExamples.eventId))
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
