// Words and numbers for the cleaning pages: what each filter reason means to someone reading a report, and how the
// quality figures print (a ratio with nothing to divide by is "—", not 0%, so an untested type never looks broken).
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import type { LabelledSpan } from '@/db/schema';
import { isPiiType, type Entity } from '@/common/pii-types';

type Cleaning = inferRouterOutputs<AppRouter>['data']['cleaning'];
export type CleanRunDetail = Cleaning['run'];
export type RedactionRow = Cleaning['redactions']['rows'][number];
export type CleaningQuality = Cleaning['quality'];

/** Plain-words meaning of each outcome; the keys are the pipeline's reason codes. */
export const REASONS: Record<string, string> = {
  kept: 'Kept for training',
  empty: 'Prompt or response is empty',
  too_long: 'A side is longer than the length limit',
  control_chars: 'Contains control characters',
  mojibake: 'Garbled encoding (mojibake or replacement characters)',
  markup_soup: 'Mostly HTML/XML markup',
  repeated_chars: 'One character repeated or dominating',
  repeated_words: 'The same words over and over',
  no_letters: 'No letters or digits at all',
  too_short: 'Too little text to learn from',
  exact_duplicate: 'Exact copy of an earlier interaction',
  near_duplicate: 'Near copy of an earlier interaction',
};

export const DUPLICATE_REASONS = ['exact_duplicate', 'near_duplicate'];

export const reasonLabel = (reason: string) => reason.replace(/_/g, ' ');

export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return '—';
  return `${(x * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** Spans as the review API types them; the editor only offers known types, so nothing is dropped in practice. */
export const toEntities = (spans: readonly LabelledSpan[]): Entity[] =>
  spans.flatMap((s) => (isPiiType(s.type) ? [{ type: s.type, start: s.start, end: s.end }] : []));
