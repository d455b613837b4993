// The cleaning pipeline a page at a time against a duplicate index kept elsewhere (the database, see keys.ts), so a
// worker holds one page and its candidates, never every kept event. Same verdicts as `Cleaner` over the same events:
// the same stages in the same order, the same threshold, the same MAX_CANDIDATES walk (bands in order, each bucket
// newest first) and the same tie rule (the earliest original wins). Only the order of the work differs: a page's
// keys are computed first, looked up in one probe, and the candidates' signatures recomputed from their clean text.
import { BloomFilter } from './bloom';
import { DEFAULT_CLEAN_CONFIG, type CleanConfig } from './config';
import { MAX_CANDIDATES, MIN_SHINGLES } from './dedupe';
import { exactKey, numberFingerprint } from './fingerprint';
import { checkGarbage } from './garbage';
import { bandingFor, bandKey, type Banding } from './lsh';
import { signatureOf, SIGNATURE_SIZE } from './minhash';
import type { CleanEvent, CleanVerdict, StageTimes } from './pipeline';
import { redact } from './pii/detect';
import type { Entity } from '@/common/pii-types';

/** Exact keys are stored past every band key (those are 32-bit), so the two kinds never meet in one probe. */
export const EXACT_OFFSET = 2 ** 32;

/** An event of a page; `at` is its occurred_at in microseconds, the order earlier runs kept originals in. */
export type PageEvent = CleanEvent & { at: number };

/** A stored key of a kept event: `ord` is the event's position in the run that kept it. */
export type KeyHit = { key: number; eventId: string; runId: string; ord: number; at: number };
export type KeyRow = { key: number; eventId: string; ord: number };

/** Where kept events' keys live: the runs they belong to are the store's business (live runs plus this one). */
export interface KeyStore {
  /** Stored entries of `keys` in earlier runs' keys, and of `ownKeys` in this run's. */
  probe(keys: number[], ownKeys: number[]): Promise<KeyHit[]>;
  /** The clean text of candidates, by event id. */
  texts(candidates: { eventId: string; runId: string }[]): Promise<Map<string, { prompt: string; response: string }>>;
}

type Candidate = {
  id: string;
  /** Kept by this run (always later than anything an earlier run kept). */
  mine: boolean;
  ord: number;
  at: number;
  runId: string;
  sig: Uint16Array | null;
  fp: number;
};

/** Whether `a` was indexed after `b`, in the order `Cleaner` indexes: earlier runs' kept events by time, then this run's. */
function later(a: Candidate, b: Candidate): boolean {
  if (a.mine !== b.mine) return a.mine;
  if (a.mine) return a.ord > b.ord;
  if (a.at !== b.at) return a.at > b.at;
  if (a.runId === b.runId) return a.ord > b.ord;
  return a.id > b.id;
}
const newestFirst = (a: Candidate, b: Candidate) => (later(a, b) ? -1 : later(b, a) ? 1 : 0);

type Prepared = {
  junk: ReturnType<typeof checkGarbage>;
  prompt: string;
  response: string;
  entities: CleanVerdict['entities'];
  exact: number;
  shingles: number;
  fp: number;
  sig: Uint16Array | null;
  bands: number[];
};

const NONE: CleanVerdict['entities'] = { prompt: [], response: [] };

/** The in-memory part: kept events of the pages whose keys may not be committed yet (this page and the one before). */
class Recent {
  exact = new Map<number, Candidate>();
  bands = new Map<number, Candidate[]>();
  ids = new Set<string>();
  add(c: Candidate, exact: number, bands: number[]): void {
    this.ids.add(c.id);
    if (!this.exact.has(exact)) this.exact.set(exact, c);
    for (const k of bands) {
      const list = this.bands.get(k);
      if (list) list.push(c);
      else this.bands.set(k, [c]);
    }
  }
}

export class PagedCleaner {
  readonly config: CleanConfig;
  /** Milliseconds per stage; `lookup` is the database's share (the probe and the candidates' text). */
  readonly times: StageTimes & { lookup: number } = { garbage: 0, redact: 0, exact: 0, near: 0, lookup: 0 };
  private readonly banding: Banding;
  private readonly needed: number;
  private older = new Recent();
  private newer = new Recent();
  /** Every key this run has kept: most keys of a page are certainly not among them, and are not probed for. */
  private readonly written: BloomFilter;

  constructor(
    config: Partial<CleanConfig>,
    private readonly store: KeyStore,
    /** This run's id: its stored keys are later than every earlier run's. */
    private readonly runId: string,
    /** Events the run will see at most (sizes the filter). */
    expected: number,
  ) {
    this.config = { ...DEFAULT_CLEAN_CONFIG, ...config };
    this.banding = bandingFor(this.config.nearDuplicateThreshold);
    this.needed = Math.ceil(this.config.nearDuplicateThreshold * SIGNATURE_SIZE - 1e-9);
    this.written = new BloomFilter(expected * (this.banding.bands + 1));
  }

  /** The keys of every page before the last one are in the store now: forget them here. */
  committed(): void {
    this.older = this.newer;
    this.newer = new Recent();
  }

  /**
   * Verdicts for one page, in order; `firstOrd` is the run-wide position of its first event. Returns the key rows of
   * the events it kept, to be written with the verdicts.
   */
  async cleanPage(page: PageEvent[], firstOrd: number): Promise<{ verdicts: CleanVerdict[]; keys: KeyRow[] }> {
    const prepared = page.map((e) => this.prepare(e));

    let t = performance.now();
    // First the exact keys; then the band keys of the events that are not exact copies of a stored event (an
    // exact copy needs no near-duplicate search, and its band keys would all hit its original).
    const exactKeys = new Set<number>();
    for (const p of prepared) if (!p.junk) exactKeys.add(p.exact + EXACT_OFFSET);
    const hits = await this.probe([...exactKeys]);
    const found = new Set(hits.map((h) => h.key));
    const bandKeys = new Set<number>();
    for (const p of prepared) {
      if (!p.sig || found.has(p.exact + EXACT_OFFSET) || this.older.exact.has(p.exact)) continue;
      for (const k of p.bands) bandKeys.add(k);
    }
    for (const h of await this.probe([...bandKeys])) hits.push(h);
    const stored = this.group(hits);
    const texts = await this.store.texts(this.reachable(prepared, stored));
    this.times.lookup += performance.now() - t;
    t = performance.now();
    for (const list of stored.values())
      for (const c of list) {
        const text = texts.get(c.id);
        if (!text || c.sig) continue;
        c.sig = new Uint16Array(SIGNATURE_SIZE);
        signatureOf(text.prompt, text.response, c.sig);
        c.fp = numberFingerprint(text.prompt, text.response);
      }

    const verdicts: CleanVerdict[] = [];
    const keys: KeyRow[] = [];
    for (let i = 0; i < page.length; i++) {
      const e = page[i]!;
      const p = prepared[i]!;
      if (p.junk) {
        verdicts.push(verdict(e.id, 'filtered', p.junk.reason, p.junk.detail, null, null, null, NONE));
        continue;
      }
      const ord = firstOrd + i;
      const exact = this.earliest(this.older.exact.get(p.exact), this.newer.exact.get(p.exact), stored.get(p.exact + EXACT_OFFSET));
      if (exact) {
        const detail = 'same text after normalising case and white space';
        verdicts.push(verdict(e.id, 'filtered', 'exact_duplicate', detail, exact.id, p.prompt, p.response, p.entities));
        continue;
      }
      const near = p.sig ? this.nearest(p, stored) : null;
      if (near) {
        const detail = `${Math.round(near.similarity * 100)}% similar (threshold ${Math.round(this.config.nearDuplicateThreshold * 100)}%)`;
        verdicts.push(verdict(e.id, 'filtered', 'near_duplicate', detail, near.of, p.prompt, p.response, p.entities));
        continue;
      }
      const mine: Candidate = { id: e.id, mine: true, ord, at: e.at, runId: this.runId, sig: p.sig, fp: p.fp };
      this.newer.add(mine, p.exact, p.bands);
      this.written.add(p.exact + EXACT_OFFSET);
      for (const k of p.bands) this.written.add(k);
      keys.push({ key: p.exact + EXACT_OFFSET, eventId: e.id, ord });
      for (const k of p.bands) keys.push({ key: k, eventId: e.id, ord });
      verdicts.push(verdict(e.id, 'kept', null, null, null, p.prompt, p.response, p.entities));
    }
    this.times.near += performance.now() - t;
    return { verdicts, keys };
  }

  /** Probes earlier runs for every key, this run only for keys it may have written. */
  private probe(keys: number[]): Promise<KeyHit[]> {
    const own = keys.filter((k) => this.written.has(k));
    return keys.length ? this.store.probe(keys, own) : Promise.resolve([]);
  }

  private prepare(e: PageEvent): Prepared {
    const t0 = performance.now();
    const junk = checkGarbage(e.prompt, e.response, this.config);
    const t1 = performance.now();
    this.times.garbage += t1 - t0;
    if (junk) return { junk, prompt: '', response: '', entities: NONE, exact: 0, shingles: 0, fp: 0, sig: null, bands: [] };
    const p = redact(e.prompt);
    const r = redact(e.response);
    const t2 = performance.now();
    this.times.redact += t2 - t1;
    const entities = p.entities.length || r.entities.length ? { prompt: p.entities as Entity[], response: r.entities as Entity[] } : NONE;
    const exact = exactKey(p.text, r.text);
    const sig = new Uint16Array(SIGNATURE_SIZE);
    const shingles = signatureOf(p.text, r.text, sig);
    const fp = numberFingerprint(p.text, r.text);
    const bands: number[] = [];
    if (shingles >= MIN_SHINGLES) for (let b = 0; b < this.banding.bands; b++) bands.push(bandKey(sig, b, this.banding.rows, fp));
    this.times.exact += performance.now() - t2;
    return {
      junk: null,
      prompt: p.text,
      response: r.text,
      entities,
      exact,
      shingles,
      fp,
      sig: shingles >= MIN_SHINGLES ? sig : null,
      bands,
    };
  }

  /** Stored hits by key, newest first, leaving out events still held in memory (those are in `Recent`). */
  private group(hits: KeyHit[]): Map<number, Candidate[]> {
    const byKey = new Map<number, Candidate[]>();
    const byId = new Map<string, Candidate>();
    for (const h of hits) {
      if (this.older.ids.has(h.eventId) || this.newer.ids.has(h.eventId)) continue;
      let c = byId.get(h.eventId);
      if (!c) {
        c = { id: h.eventId, mine: h.runId === this.runId, ord: h.ord, at: h.at, runId: h.runId, sig: null, fp: 0 };
        byId.set(h.eventId, c);
      }
      const list = byKey.get(h.key);
      if (!list) byKey.set(h.key, [c]);
      else if (!list.includes(c)) list.push(c);
    }
    for (const list of byKey.values()) list.sort(newestFirst);
    return byKey;
  }

  /**
   * The stored candidates some event of the page can reach under the cap: the first MAX_CANDIDATES of its walk over
   * stored buckets alone, a superset of the stored ones its real walk (in-memory candidates first) meets.
   */
  private reachable(prepared: Prepared[], stored: Map<number, Candidate[]>): { eventId: string; runId: string }[] {
    const out = new Map<string, Candidate>();
    for (const p of prepared) {
      if (!p.sig) continue;
      const seen = new Set<string>();
      for (let b = 0; b < p.bands.length && seen.size < MAX_CANDIDATES; b++)
        for (const c of stored.get(p.bands[b]!) ?? []) {
          if (seen.size >= MAX_CANDIDATES) break;
          if (seen.has(c.id)) continue;
          seen.add(c.id);
          out.set(c.id, c);
        }
    }
    return [...out.values()].map((c) => ({ eventId: c.id, runId: c.runId }));
  }

  private earliest(...found: (Candidate | Candidate[] | undefined)[]): Candidate | null {
    let best: Candidate | null = null;
    for (const f of found) for (const c of Array.isArray(f) ? f : f ? [f] : []) if (!best || later(best, c)) best = c;
    return best;
  }

  /** The walk `DuplicateIndex.findNear` makes, over stored and in-memory candidates merged newest first. */
  private nearest(p: Prepared, stored: Map<number, Candidate[]>): { of: string; similarity: number } | null {
    const seen = new Set<string>();
    let best: Candidate | null = null;
    let bestSame = -1;
    for (let b = 0; b < p.bands.length && seen.size < MAX_CANDIDATES; b++) {
      const key = p.bands[b]!;
      const bucket = merge(stored.get(key), this.older.bands.get(key), this.newer.bands.get(key));
      for (const c of bucket) {
        if (seen.size >= MAX_CANDIDATES) break;
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        if (c.fp !== p.fp || !c.sig) continue;
        let same = 0;
        for (let i = 0; i < SIGNATURE_SIZE; i++) if (c.sig[i] === p.sig![i]) same++;
        if (same < this.needed || same < bestSame) continue;
        if (same > bestSame || later(best!, c)) {
          best = c;
          bestSame = same;
        }
      }
    }
    const similarity = bestSame / SIGNATURE_SIZE;
    return best && similarity >= this.config.nearDuplicateThreshold ? { of: best.id, similarity } : null;
  }
}

/** One bucket newest first: in-memory candidates (appended in order) are all later than the stored ones. */
function merge(stored: Candidate[] | undefined, older: Candidate[] | undefined, newer: Candidate[] | undefined): Candidate[] {
  if (!older && !newer) return stored ?? [];
  const out: Candidate[] = [];
  if (newer) for (let i = newer.length - 1; i >= 0; i--) out.push(newer[i]!);
  if (older) for (let i = older.length - 1; i >= 0; i--) out.push(older[i]!);
  if (stored) out.push(...stored);
  return out;
}

function verdict(
  id: string,
  status: CleanVerdict['status'],
  reason: CleanVerdict['reason'],
  detail: string | null,
  duplicateOf: string | null,
  prompt: string | null,
  response: string | null,
  entities: CleanVerdict['entities'],
): CleanVerdict {
  return { id, status, reason, detail, duplicateOf, prompt, response, entities };
}
