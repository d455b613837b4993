// The cleaning pipeline as pure code over a stream of interactions: the job, the CLI and the benchmark all run this.
//
// Order: garbage → PII redaction → exact duplicates → near duplicates.
// - Garbage first: it is the cheapest check, and junk needs neither redaction nor a place in the duplicate index
//   (indexing "aaaa…" would only let junk claim to be the original of other junk).
// - Redaction before deduplication: two copies of a chat that differ only in the e-mail or card number they contain
//   become the same text once both say [EMAIL], so PII variants collapse into one kept example; and the index never
//   holds personal data.
// - Exact before near: a hash lookup is far cheaper than a signature, and it settles most copies (retries, re-logs).
import { DEFAULT_CLEAN_CONFIG, type CleanConfig } from './config';
import { DuplicateIndex } from './dedupe';
import { checkGarbage, GARBAGE_REASONS } from './garbage';
import { redact } from './pii/detect';
import type { Entity } from '@/common/pii-types';

export const FILTER_REASONS = [...GARBAGE_REASONS, 'exact_duplicate', 'near_duplicate'] as const;
export type FilterReason = (typeof FILTER_REASONS)[number];

export type CleanEvent = { id: string; prompt: string; response: string };

export type CleanVerdict = {
  id: string;
  status: 'kept' | 'filtered';
  reason: FilterReason | null;
  /** Why, in words: which side, how many characters, which similarity. */
  detail: string | null;
  /** The kept original a duplicate copies. */
  duplicateOf: string | null;
  /** Redacted text; null for junk (filtered before redaction). */
  prompt: string | null;
  response: string | null;
  entities: { prompt: Entity[]; response: Entity[] };
};

export type StageTimes = { garbage: number; redact: number; exact: number; near: number };

const NONE: { prompt: Entity[]; response: Entity[] } = { prompt: [], response: [] };

export class Cleaner {
  readonly config: CleanConfig;
  /** Milliseconds spent per stage, when constructed with `{ timings: true }` (the benchmark's breakdown). */
  readonly times: StageTimes = { garbage: 0, redact: 0, exact: 0, near: 0 };
  private readonly index: DuplicateIndex;
  private readonly timed: boolean;

  constructor(config: Partial<CleanConfig> = {}, opts: { timings?: boolean } = {}) {
    this.config = { ...DEFAULT_CLEAN_CONFIG, ...config };
    this.index = new DuplicateIndex(this.config.nearDuplicateThreshold);
    this.timed = opts.timings ?? false;
  }

  /** Interactions kept by earlier runs: later copies of them are duplicates too. Give their cleaned text. */
  remember(e: CleanEvent): void {
    this.index.remember(e.id, e.prompt, e.response);
  }

  clean(e: CleanEvent): CleanVerdict {
    // A method per call rather than a closure: this runs 100k times a second and a fresh closure per event shows up.
    const t0 = this.timed ? performance.now() : 0;
    const junk = checkGarbage(e.prompt, e.response, this.config);
    const t1 = this.lap('garbage', t0);
    if (junk) return verdict(e.id, 'filtered', junk.reason, junk.detail, null, null, null, NONE);

    const p = redact(e.prompt);
    const r = redact(e.response);
    const t2 = this.lap('redact', t1);
    const entities = p.entities.length || r.entities.length ? { prompt: p.entities, response: r.entities } : NONE;

    const exact = this.index.findExact(p.text, r.text);
    const t3 = this.lap('exact', t2);
    if (exact)
      return verdict(
        e.id,
        'filtered',
        'exact_duplicate',
        'same text after normalising case and white space',
        exact.of,
        p.text,
        r.text,
        entities,
      );

    const near = this.index.findNear(p.text, r.text);
    if (near) {
      this.lap('near', t3);
      const detail = `${Math.round(near.similarity * 100)}% similar (threshold ${Math.round(this.config.nearDuplicateThreshold * 100)}%)`;
      return verdict(e.id, 'filtered', 'near_duplicate', detail, near.of, p.text, r.text, entities);
    }
    this.index.addLast(e.id);
    this.lap('near', t3);
    return verdict(e.id, 'kept', null, null, null, p.text, r.text, entities);
  }

  /** Adds the time since `since` to a stage when timing; returns now (0 when not timing). */
  private lap(stage: keyof StageTimes, since: number): number {
    if (!this.timed) return 0;
    const now = performance.now();
    this.times[stage] += now - since;
    return now;
  }
}

/** One object shape for every verdict, so the code that reads them stays monomorphic. */
function verdict(
  id: string,
  status: CleanVerdict['status'],
  reason: FilterReason | null,
  detail: string | null,
  duplicateOf: string | null,
  prompt: string | null,
  response: string | null,
  entities: CleanVerdict['entities'],
): CleanVerdict {
  return { id, status, reason, detail, duplicateOf, prompt, response, entities };
}
