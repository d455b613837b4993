// A version's statistics, computed once when it is built (it never changes after): length histograms, the rating
// distribution of its examples, and where they came from. Counted in SQL; the array functions are the reference.
import 'server-only';
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
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

/** Empty bars fitted to lengths from `min` to `max`: a dataset whose prompts are all 20–60 characters long gets a dozen, not two. */
export function lengthBins(min: number, max: number): HistogramBin[] {
  const edges = lengthEdges(min, max);
  return edges.slice(0, -1).map((from, i) => {
    const to = edges[i + 1]!;
    return { label: to - from === 1 ? k(from) : `${k(from)}–${k(to - 1)}`, from, to, count: 0 };
  });
}

/** Length bars fitted to the data, counted here: the reference for what computeStats counts in SQL. */
export function lengthHistogram(lengths: number[]): HistogramBin[] {
  if (!lengths.length) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const len of lengths) {
    if (len < min) min = len;
    if (len > max) max = len;
  }
  const bins = lengthBins(min, max);
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

const ratingBins = () =>
  RATING_EDGES.map((from, i) => {
    const to = RATING_EDGES[i + 1] ?? 1;
    return { label: `${from.toFixed(1)}–${to.toFixed(1)}`, from, to, count: 0 };
  });

export function ratingHistogram(ratings: number[]): HistogramBin[] {
  const bins = ratingBins();
  for (const r of ratings) bins[Math.min(bins.length - 1, Math.floor(r / 0.2 + 1e-9))]!.count++;
  return bins;
}

/**
 * The version's statistics, counted in the database (a few aggregate rows come back, never one per example), with
 * the same bars and counts as lengthHistogram / ratingHistogram over the examples' rows.
 */
export async function computeStats(db: Db, projectId: string, datasetId: string): Promise<DatasetStats> {
  const ofVersion = and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId));
  const promptLength = sql<number>`length(${datasetExamples.prompt})`;
  const responseLength = sql<number>`length(${datasetExamples.response})`;
  const [range] = await db
    .select({
      promptMin: sql<number | null>`min(${promptLength})`.mapWith(Number),
      promptMax: sql<number | null>`max(${promptLength})`.mapWith(Number),
      responseMin: sql<number | null>`min(${responseLength})`.mapWith(Number),
      responseMax: sql<number | null>`max(${responseLength})`.mapWith(Number),
      cleaned: sql<number>`count(*) filter (where ${datasetExamples.cleaned})`.mapWith(Number),
      n: count(),
    })
    .from(datasetExamples)
    .where(ofVersion);
  const histogram = async (length: SQL, min: number, max: number) => {
    const bins = lengthBins(min, max);
    // width_bucket(len, lower bounds) is the 1-based bar whose lower bound is the largest one ≤ len, as the binary search above.
    const bucket = sql<number>`width_bucket(${length}, ${sql.param(bins.map((b) => b.from))}::int[])`.mapWith(Number);
    const rows = await db
      .select({ bucket, n: count() })
      .from(datasetExamples)
      .where(ofVersion)
      // By position: the bounds are a parameter, and the expression repeated would bind it twice (not "the same" to SQL).
      .groupBy(sql`1`);
    for (const r of rows) bins[r.bucket - 1]!.count = r.n;
    return bins;
  };
  const empty = !range || !range.n;

  const rating = ratingBins();
  const ratingBar =
    sql<number>`least(${rating.length - 1}, floor(${eventRatings.meanRating}::float8 / 0.2::float8 + 1e-9::float8))::int`.mapWith(Number);
  const rated = await db
    .select({ bar: ratingBar, n: count() })
    .from(datasetExamples)
    .innerJoin(eventRatings, eq(eventRatings.eventId, datasetExamples.eventId))
    .where(ofVersion)
    .groupBy(sql`1`);
  for (const r of rated) rating[r.bar]!.count = r.n;

  // An example whose event was deleted since has neither a source nor a status.
  const cleanStatus = sql<CleanStatus | null>`case when ${events.id} is null then null else ${verdictColumns.cleanStatus} end`;
  const origins = await db
    .select({ source: events.source, cleanStatus, n: count() })
    .from(datasetExamples)
    .leftJoin(events, eq(events.id, datasetExamples.eventId))
    .leftJoin(liveVerdicts, eq(liveVerdicts.eventId, datasetExamples.eventId))
    .where(ofVersion)
    .groupBy(sql`1`, sql`2`);
  const bySource: Partial<Record<EventSource, number>> = {};
  const byCleanStatus: Partial<Record<CleanStatus, number>> = {};
  for (const r of origins) {
    if (r.source) bySource[r.source] = (bySource[r.source] ?? 0) + r.n;
    if (r.cleanStatus) byCleanStatus[r.cleanStatus] = (byCleanStatus[r.cleanStatus] ?? 0) + r.n;
  }
  return {
    promptLength: empty ? [] : await histogram(promptLength, range.promptMin!, range.promptMax!),
    responseLength: empty ? [] : await histogram(responseLength, range.responseMin!, range.responseMax!),
    rating,
    rated: rated.reduce((n, r) => n + r.n, 0),
    cleaned: range?.cleaned ?? 0,
    bySource,
    byCleanStatus,
  };
}
