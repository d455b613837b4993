// Scores the current code on the gold sets: per-type precision, recall and F2 for PII (a found span counts when it
// overlaps a labelled span of the same type), and per-reason precision and recall for junk and duplicates.
import { Cleaner, FILTER_REASONS, type FilterReason } from '../pipeline';
import { findPii } from '../pii/detect';
import { PII_TYPES, type Entity, type PiiType } from '@/common/pii-types';
import type { LabelledText } from './labelled';
import type { GoldEvent } from './events-gold';

export type Score = { gold: number; found: number; correct: number; precision: number | null; recall: number | null };
/** `recalled`: labelled spans some found span overlaps; `precise`: found spans that overlap a labelled one. */
export type PiiScore = {
  gold: number;
  found: number;
  recalled: number;
  precise: number;
  precision: number | null;
  recall: number | null;
  f2: number | null;
};
export type PiiReport = {
  texts: number;
  byType: Record<PiiType, PiiScore>;
  overall: PiiScore;
  /** Texts with no PII that came out unchanged: the number-heavy negatives. */
  untouched: { total: number; unchanged: number };
  /** The first few misses and false alarms, to read. */
  mistakes: { text: string; missed: Entity[]; spurious: Entity[] }[];
};

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

function fBeta(precision: number | null, recall: number | null, beta: number): number | null {
  if (precision === null || recall === null) return null;
  if (precision + recall === 0) return 0;
  return ((1 + beta * beta) * precision * recall) / (beta * beta * precision + recall);
}

const overlaps = (a: Entity, b: Entity) => a.type === b.type && a.start < b.end && b.start < a.end;

type Counts = Pick<PiiScore, 'gold' | 'found' | 'recalled' | 'precise'>;

/** Recall-weighted F2: a missed card number costs more than a redacted order number. */
function piiScore(c: Counts): PiiScore {
  const precision = ratio(c.precise, c.found);
  const recall = ratio(c.recalled, c.gold);
  return { ...c, precision, recall, f2: fBeta(precision, recall, 2) };
}

export function evaluatePii(items: readonly LabelledText[], maxMistakes = 20): PiiReport {
  const counts = Object.fromEntries(PII_TYPES.map((t) => [t, { gold: 0, found: 0, recalled: 0, precise: 0 }])) as Record<PiiType, Counts>;
  const untouched = { total: 0, unchanged: 0 };
  const mistakes: PiiReport['mistakes'] = [];
  for (const item of items) {
    const found = findPii(item.text);
    if (item.entities.length === 0) {
      untouched.total++;
      if (found.length === 0) untouched.unchanged++;
    }
    const missed = item.entities.filter((g) => !found.some((f) => overlaps(f, g)));
    const spurious = found.filter((f) => !item.entities.some((g) => overlaps(f, g)));
    for (const g of item.entities) {
      counts[g.type].gold++;
      if (!missed.includes(g)) counts[g.type].recalled++;
    }
    for (const f of found) {
      counts[f.type].found++;
      if (!spurious.includes(f)) counts[f.type].precise++;
    }
    if ((missed.length || spurious.length) && mistakes.length < maxMistakes) mistakes.push({ text: item.text, missed, spurious });
  }
  return summarise(items.length, counts, untouched, mistakes);
}

function summarise(
  texts: number,
  counts: Record<PiiType, Counts>,
  untouched: PiiReport['untouched'],
  mistakes: PiiReport['mistakes'],
): PiiReport {
  const total: Counts = { gold: 0, found: 0, recalled: 0, precise: 0 };
  for (const t of PII_TYPES) for (const k of ['gold', 'found', 'recalled', 'precise'] as const) total[k] += counts[t][k];
  const byType = Object.fromEntries(PII_TYPES.map((t) => [t, piiScore(counts[t])])) as Record<PiiType, PiiScore>;
  return { texts, byType, overall: piiScore(total), untouched, mistakes };
}

/** Two reports as one (the generated gold set and the reviewers' labels). */
export function mergePii(a: PiiReport, b: PiiReport): PiiReport {
  const counts = Object.fromEntries(
    PII_TYPES.map((t) => [
      t,
      {
        gold: a.byType[t].gold + b.byType[t].gold,
        found: a.byType[t].found + b.byType[t].found,
        recalled: a.byType[t].recalled + b.byType[t].recalled,
        precise: a.byType[t].precise + b.byType[t].precise,
      },
    ]),
  ) as Record<PiiType, Counts>;
  const untouched = { total: a.untouched.total + b.untouched.total, unchanged: a.untouched.unchanged + b.untouched.unchanged };
  return summarise(
    a.texts + b.texts,
    counts,
    untouched,
    [...b.mistakes, ...a.mistakes].slice(0, Math.max(a.mistakes.length, b.mistakes.length)),
  );
}

export type EventsReport = {
  events: number;
  byReason: Record<FilterReason, Score>;
  /** Exact and near together: is a copy recognised as a copy (of the right original)? */
  duplicates: Score;
  /** Of the interactions that should be kept, how many were. */
  kept: { total: number; kept: number };
  mistakes: { id: string; prompt: string; expected: string; got: string }[];
};

export function evaluateEvents(events: readonly GoldEvent[], config = {}, maxMistakes = 20): EventsReport {
  const cleaner = new Cleaner(config);
  const groupOf = new Map(events.map((e) => [e.id, e.group]));
  const tally = Object.fromEntries(FILTER_REASONS.map((r) => [r, { gold: 0, found: 0, correct: 0 }])) as Record<
    FilterReason,
    { gold: number; found: number; correct: number }
  >;
  const dup = { gold: 0, found: 0, correct: 0 };
  const kept = { total: 0, kept: 0 };
  const mistakes: EventsReport['mistakes'] = [];
  const isDup = (r: string | null) => r === 'exact_duplicate' || r === 'near_duplicate';
  for (const e of events) {
    const v = cleaner.clean(e);
    const got = v.reason ?? 'kept';
    // A duplicate is right only when it points into its own group (at the original or at another copy of it).
    const rightOriginal = v.duplicateOf !== null && groupOf.get(v.duplicateOf) === e.group;
    if (e.expect !== 'kept') tally[e.expect].gold++;
    if (v.reason) tally[v.reason].found++;
    if (v.reason && v.reason === e.expect && (!isDup(v.reason) || rightOriginal)) tally[v.reason].correct++;
    if (isDup(e.expect)) dup.gold++;
    if (isDup(v.reason)) dup.found++;
    if (isDup(e.expect) && isDup(v.reason) && rightOriginal) dup.correct++;
    if (e.expect === 'kept') {
      kept.total++;
      if (v.status === 'kept') kept.kept++;
    }
    if (got !== e.expect && mistakes.length < maxMistakes)
      mistakes.push({
        id: e.id,
        prompt: e.prompt.slice(0, 120),
        expected: e.expect,
        got: v.duplicateOf ? `${got} of ${v.duplicateOf}` : got,
      });
  }
  const score = (t: { gold: number; found: number; correct: number }): Score => ({
    ...t,
    precision: ratio(t.correct, t.found),
    recall: ratio(t.correct, t.gold),
  });
  return {
    events: events.length,
    byReason: Object.fromEntries(FILTER_REASONS.map((r) => [r, score(tally[r])])) as Record<FilterReason, Score>,
    duplicates: score(dup),
    kept,
    mistakes,
  };
}
