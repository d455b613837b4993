// The cleaning pipeline a page at a time, for a run in the database: this run's kept events are indexed in memory
// (run-index.ts, keys only, no signatures), earlier runs' in the database (keys.ts), and candidates not in memory
// have their clean text read back, so a worker holds keys, never every kept event's text. Same verdicts as `Cleaner`
// over the same events: the same stages in the same order, the same threshold, the same MAX_CANDIDATES walk (bands
// in order, each bucket newest first) and the same tie rule (the earliest original wins). Only the order of the work
// differs: a page's keys are computed first, earlier runs probed once, and the candidates' text read in one query.
import { DEFAULT_CLEAN_CONFIG, type CleanConfig } from './config';
import { MAX_CANDIDATES } from './dedupe';
import { numberFingerprint } from './fingerprint';
import { bandingFor, type Banding } from './lsh';
import { signatureOf, SIGNATURE_SIZE } from './minhash';
import type { CleanEvent, CleanVerdict, StageTimes } from './pipeline';
import { NO_ENTITIES, type Prepared } from './prepare';
import type { PreparedPage } from './preparer';
import { RunIndex } from './run-index';

/** Exact keys are stored past every band key (those are 32-bit), so the two kinds never meet in one probe. */
export const EXACT_OFFSET = 2 ** 32;

/** An event of a page, in the run's order (occurred_at, id). */
export type PageEvent = CleanEvent;

/**
 * A stored key of a kept event: `ord` is the event's position in the run that kept it, `at` its occurred_at in
 * microseconds (the order earlier runs' originals are compared in).
 */
export type KeyHit = { key: number; eventId: string; runId: string; ord: number; at: number };
/** The stored keys of one kept event: its exact key (without the offset) and its band keys. */
export type KeyRow = { eventId: string; ord: number; exact: number; bands: number[] };

/** Where earlier runs' kept events' keys live (the runs a run dedupes against are the store's business). */
export interface KeyStore {
  /** False when there is no earlier run to dedupe against (a run over all events): pages then probe nothing. */
  readonly hasEarlierRuns: boolean;
  /**
   * Earlier runs' kept events with one of these exact keys, or with `bands[b]`'s key in band b; hits name the key
   * as the in-memory index does (exact keys past EXACT_OFFSET). The caller caps each bucket.
   */
  probe(keys: { exact: number[]; bands: number[][] }): Promise<KeyHit[]>;
  /** The clean text of candidates, by event id. */
  texts(candidates: { eventId: string; runId: string }[]): Promise<Map<string, { prompt: string; response: string }>>;
}

/** An earlier run's kept event reached by a page. */
type Candidate = {
  id: string;
  ord: number;
  at: number;
  runId: string;
  sig: Uint16Array | null;
  fp: number;
};

/** Whether `a` was indexed after `b`, in the order `Cleaner` remembers earlier runs' kept events: by time. */
function later(a: Candidate, b: Candidate): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.runId === b.runId) return a.ord > b.ord;
  return a.id > b.id;
}
const newestFirst = (a: Candidate, b: Candidate) => (later(a, b) ? -1 : later(b, a) ? 1 : 0);

/** What a candidate is compared by. */
type Sig = { sig: Uint16Array; fp: number };

/**
 * One event's walk as its page's lookup made it: the candidates visited in order (an item number for this run's
 * kept events, a Candidate for earlier runs'), each with its band.
 */
type Walk = { bands: number[]; visits: (number | Candidate)[] };
const NO_WALK: Walk = { bands: [], visits: [] };

/**
 * A page's lookup: earlier runs' candidates by key, this run's candidates' signatures by item, and each searched
 * event's walk over the index as it stood then (`since`: the items it held), which its decision replays instead of
 * walking the index's chains a second time.
 */
export type PageLookup = { stored: Map<number, Candidate[]>; fetched: Map<number, Sig>; walks: (Walk | undefined)[]; since: number };

export class PagedCleaner {
  readonly config: CleanConfig;
  /** Milliseconds per stage; `lookup` is the database's share (earlier runs' probe and the candidates' text). */
  readonly times: StageTimes & { lookup: number } = { garbage: 0, redact: 0, exact: 0, near: 0, lookup: 0 };
  private readonly banding: Banding;
  private readonly needed: number;
  /** Every event this run has kept, by key, in memory; their clean text is read back when a page needs it. */
  private readonly own: RunIndex;
  /**
   * Signatures of this run's kept events whose rows may not be committed yet, a map per page: the pages whose writes
   * are in flight, oldest first, then this page. Those cannot be read back.
   */
  private unwritten: Map<number, Sig>[] = [new Map()];

  constructor(
    config: Partial<CleanConfig>,
    private readonly store: KeyStore,
    /** This run's id: its kept events' text is read back under it. */
    private readonly runId: string,
    /** Events the run will see at most (sizes the in-memory index). */
    expected: number,
  ) {
    this.config = { ...DEFAULT_CLEAN_CONFIG, ...config };
    this.banding = bandingFor(this.config.nearDuplicateThreshold);
    this.needed = Math.ceil(this.config.nearDuplicateThreshold * SIGNATURE_SIZE - 1e-9);
    this.own = new RunIndex(this.banding.bands, expected);
  }

  /** The page just cleaned is being written; the next page starts. */
  pageDone(): void {
    this.unwritten.push(new Map());
  }

  /** The oldest page being written is committed: its kept events' text can be read back. */
  written(): void {
    if (this.unwritten.length > 1) this.unwritten.shift();
  }

  private unwrittenSig(item: number): Sig | undefined {
    for (const page of this.unwritten) {
      const s = page.get(item);
      if (s) return s;
    }
    return undefined;
  }

  /** Whether this run has kept an event with this exact key (a copy of it needs no signature). */
  hasKept(exact: number): boolean {
    return this.own.exactItem(exact) >= 0;
  }

  /**
   * What a page needs from outside this thread's memory: earlier runs' keys matching its keys, and the signatures of
   * the candidates its events can reach. May start before the page before it is decided: that page's kept events
   * come first in any walk, and their signatures are in memory until written; every other candidate is captured
   * here, read back or taken from memory as it is now.
   */
  async lookup({ prepared }: PreparedPage): Promise<PageLookup> {
    const t = performance.now();
    // Earlier runs first the exact keys; then the band keys of the events that are not exact copies of a kept
    // event (an exact copy needs no near-duplicate search, and its band keys would all hit its original).
    // (A run over all events has none to probe: building the key sets was a sixth of what its thread allocated.)
    const earlier = this.store.hasEarlierRuns;
    const exactKeys = new Set<number>();
    if (earlier) for (const p of prepared) if (!p.junk) exactKeys.add(p.exact);
    const hits = exactKeys.size ? await this.store.probe({ exact: [...exactKeys], bands: [] }) : [];
    const found = new Set(hits.map((h) => h.key - EXACT_OFFSET));
    const searched = prepared.map((p) => p.sig !== null && !found.has(p.exact) && this.own.exactItem(p.exact) < 0);
    if (earlier) {
      const bandKeys = Array.from({ length: this.banding.bands }, () => new Set<number>());
      prepared.forEach((p, i) => {
        if (searched[i]) for (let b = 0; b < p.bands.length; b++) bandKeys[b]!.add(p.bands[b]!);
      });
      if (bandKeys.some((keys) => keys.size))
        for (const h of await this.store.probe({ exact: [], bands: bandKeys.map((keys) => [...keys]) })) hits.push(h);
    }
    const stored = group(hits);
    const lookup = this.fetchCandidates(prepared, searched, stored);
    const result = { stored, walks: lookup.walks, since: lookup.since, fetched: await lookup.fetched };
    this.times.lookup += performance.now() - t;
    return result;
  }

  /**
   * Verdicts for one prepared page, in order, from its lookup; `firstOrd` is the run-wide position of its first
   * event. Returns the key rows of the events it kept, to be written with the verdicts. Pages are decided in order.
   */
  decide(
    { page, prepared }: PreparedPage,
    { stored, fetched, walks, since }: PageLookup,
    firstOrd: number,
  ): { verdicts: CleanVerdict[]; keys: KeyRow[] } {
    const t = performance.now();
    const verdicts: CleanVerdict[] = [];
    const keys: KeyRow[] = [];
    for (let i = 0; i < page.length; i++) {
      const e = page[i]!;
      const p = prepared[i]!;
      if (p.junk) {
        verdicts.push(verdict(e.id, 'filtered', p.junk.reason, p.junk.detail, null, null, null, NO_ENTITIES));
        continue;
      }
      const exactStored = earliest(stored.get(p.exact + EXACT_OFFSET));
      const exactOwn = this.own.exactItem(p.exact);
      if (exactStored || exactOwn >= 0) {
        const of = exactStored ? exactStored.id : this.own.id(exactOwn);
        const detail = 'same text after normalising case and white space';
        verdicts.push(verdict(e.id, 'filtered', 'exact_duplicate', detail, of, p.prompt, p.response, p.entities));
        continue;
      }
      const near = p.sig ? this.nearest(p, p.sig, walks[i], since, stored, fetched) : null;
      if (near) {
        const detail = `${Math.round(near.similarity * 100)}% similar (threshold ${Math.round(this.config.nearDuplicateThreshold * 100)}%)`;
        verdicts.push(verdict(e.id, 'filtered', 'near_duplicate', detail, near.of, p.prompt, p.response, p.entities));
        continue;
      }
      const ord = firstOrd + i;
      const item = this.own.size;
      this.own.add(e.id, ord, p.exact, p.bands);
      if (p.sig) this.unwritten.at(-1)!.set(item, { sig: p.sig, fp: p.fp });
      keys.push({ eventId: e.id, ord, exact: p.exact, bands: p.bands });
      verdicts.push(verdict(e.id, 'kept', null, null, null, p.prompt, p.response, p.entities));
    }
    this.times.near += performance.now() - t;
    return { verdicts, keys };
  }

  /**
   * Signatures of the candidates some event of the page can reach under the cap whose text is not in memory, read
   * back and recomputed, and those in memory now captured: the walk below over the index as it stands now, a
   * superset of what the real walk meets of those (events kept since, in memory when the page is decided, only come
   * first and use up the cap sooner). Each event's walk is kept for its decision to replay (`replay`): walking the
   * chains twice was a quarter of the run's thread (6 of 51 s at a million events, each entry a cache miss).
   */
  private fetchCandidates(
    prepared: Prepared[],
    searched: boolean[],
    stored: Map<number, Candidate[]>,
  ): Pick<PageLookup, 'walks' | 'since'> & { fetched: Promise<Map<number, Sig>> } {
    // Items, not ids: a walk meets many candidates more than once, and an id is decoded only for the ones read back.
    const ownItems = new Set<number>();
    const storedWanted = new Map<string, Candidate>();
    // Unwritten now, perhaps written (and out of memory) by the time the page is decided: kept by reference.
    const captured = new Map<number, Sig>();
    const since = this.own.size;
    const walks: (Walk | undefined)[] = [];
    // The visitors are made once a page, not once an event (they were an eighth of what the run's thread allocated).
    let walk = NO_WALK;
    const visited = (band: number, v: number | Candidate) => {
      if (walk === NO_WALK) walk = { bands: [], visits: [] };
      walk.bands.push(band);
      walk.visits.push(v);
    };
    const visitOwn = (item: number, band: number) => {
      visited(band, item);
      const inMemory = this.unwrittenSig(item);
      if (inMemory) captured.set(item, inMemory);
      else ownItems.add(item);
    };
    const visitStored = (c: Candidate, band: number) => {
      visited(band, c);
      storedWanted.set(c.id, c);
    };
    for (let i = 0; i < prepared.length; i++) {
      if (!searched[i]) continue;
      walk = NO_WALK;
      this.walk(prepared[i]!.bands, stored, visitOwn, visitStored);
      walks[i] = walk;
    }
    return { walks, since, fetched: this.readBack(captured, ownItems, storedWanted) };
  }

  /** The signatures of the candidates not in memory, from their clean text read back, added to those captured. */
  private async readBack(
    fetched: Map<number, Sig>,
    ownItems: Set<number>,
    storedWanted: Map<string, Candidate>,
  ): Promise<Map<number, Sig>> {
    if (!ownItems.size && !storedWanted.size) return fetched;
    const ownWanted = new Map<string, number>();
    for (const item of ownItems) ownWanted.set(this.own.id(item), item);
    const wanted = [
      ...[...ownWanted.keys()].map((eventId) => ({ eventId, runId: this.runId })),
      ...[...storedWanted.values()].map((c) => ({ eventId: c.id, runId: c.runId })),
    ];
    const texts = await this.store.texts(wanted);
    for (const [id, text] of texts) {
      const sig = new Uint16Array(SIGNATURE_SIZE);
      signatureOf(text.prompt, text.response, sig);
      const fp = numberFingerprint(text.prompt, text.response);
      const item = ownWanted.get(id);
      if (item !== undefined) fetched.set(item, { sig, fp });
      const c = storedWanted.get(id);
      if (c) Object.assign(c, { sig, fp });
    }
    return fetched;
  }

  /**
   * The walk `DuplicateIndex.findNear` makes: bands in order, each bucket newest first (this run's kept events, then
   * earlier runs'), each candidate once, MAX_CANDIDATES in all.
   */
  private walk(
    bands: number[],
    stored: Map<number, Candidate[]>,
    visitOwn: (item: number, band: number) => void,
    visitStored: (c: Candidate, band: number) => void,
  ): void {
    // Most events meet no candidate at all: the sets are made only when one does.
    let seenOwn: Set<number> | null = null;
    let seenStored: Set<Candidate> | null = null;
    let seen = 0;
    for (let b = 0; b < bands.length && seen < MAX_CANDIDATES; b++) {
      const key = bands[b]!;
      for (let e = this.own.first(key); e !== -1 && seen < MAX_CANDIDATES; e = this.own.after(e, key)) {
        const item = this.own.itemOf(e);
        if (seenOwn?.has(item)) continue;
        (seenOwn ??= new Set()).add(item);
        seen++;
        visitOwn(item, b);
      }
      for (const c of stored.get(key) ?? []) {
        if (seen >= MAX_CANDIDATES) break;
        if (seenStored?.has(c)) continue;
        (seenStored ??= new Set()).add(c);
        seen++;
        visitStored(c, b);
      }
    }
  }

  /**
   * The same walk over the index as it is now, from the one the page's lookup made (`walked`, over the items before
   * `since`): this run's events kept since then head their buckets, so each band visits those first (read off the
   * index, one slot read per band when there are none), then what the lookup visited in that band, under the same
   * cap. An event the lookup did not search (none should reach here) is walked afresh.
   */
  private replay(
    bands: number[],
    walked: Walk | undefined,
    since: number,
    stored: Map<number, Candidate[]>,
    visitOwn: (item: number) => void,
    visitStored: (c: Candidate) => void,
  ): void {
    if (!walked) return this.walk(bands, stored, visitOwn, visitStored);
    let seenNew: Set<number> | null = null;
    let seen = 0;
    let v = 0;
    for (let b = 0; b < bands.length && seen < MAX_CANDIDATES; b++) {
      const key = bands[b]!;
      for (let e = this.own.first(key, since); e !== -1 && seen < MAX_CANDIDATES; e = this.own.after(e, key, since)) {
        const item = this.own.itemOf(e);
        if (seenNew?.has(item)) continue;
        (seenNew ??= new Set()).add(item);
        seen++;
        visitOwn(item);
      }
      for (; v < walked.bands.length && walked.bands[v] === b && seen < MAX_CANDIDATES; v++) {
        seen++;
        const visit = walked.visits[v]!;
        if (typeof visit === 'number') visitOwn(visit);
        else visitStored(visit);
      }
    }
  }

  /** The most similar candidate at or above the threshold; ties go to the earliest (earlier runs' before this one's). */
  private nearest(
    p: Prepared,
    sig: Uint16Array,
    walked: Walk | undefined,
    since: number,
    stored: Map<number, Candidate[]>,
    fetched: Map<number, Sig>,
  ): { of: string; similarity: number } | null {
    let bestSame = -1;
    let bestOwn = -1;
    let bestStored: Candidate | null = null;
    const same = (other: Uint16Array) => {
      // Give up as soon as the candidate can no longer reach the threshold or the best so far.
      let misses = SIGNATURE_SIZE - Math.max(this.needed, bestSame);
      let n = 0;
      for (let i = 0; i < SIGNATURE_SIZE && misses >= 0; i++)
        if (other[i] === sig[i]) n++;
        else misses--;
      return misses >= 0 ? n : -1;
    };
    this.replay(
      p.bands,
      walked,
      since,
      stored,
      (item) => {
        const s = this.unwrittenSig(item) ?? fetched.get(item);
        if (!s || s.fp !== p.fp) return;
        const n = same(s.sig);
        if (n < 0 || n < bestSame) return;
        // A tie keeps an earlier run's original, or this run's earlier one.
        if (n > bestSame || (!bestStored && item < bestOwn)) {
          bestSame = n;
          bestOwn = item;
          bestStored = null;
        }
      },
      (c) => {
        if (!c.sig || c.fp !== p.fp) return;
        const n = same(c.sig);
        if (n < 0 || n < bestSame) return;
        if (n > bestSame || !bestStored || later(bestStored, c)) {
          bestSame = n;
          bestStored = c;
          bestOwn = -1;
        }
      },
    );
    const similarity = bestSame / SIGNATURE_SIZE;
    if (bestSame < 0 || similarity < this.config.nearDuplicateThreshold) return null;
    const of = bestStored ? (bestStored as Candidate).id : this.own.id(bestOwn);
    return { of, similarity };
  }
}

/** Earlier runs' hits by key, newest first, each bucket cut where a walk stops (MAX_CANDIDATES). */
function group(hits: KeyHit[]): Map<number, Candidate[]> {
  const byKey = new Map<number, Candidate[]>();
  const byId = new Map<string, Candidate>();
  for (const h of hits) {
    let c = byId.get(h.eventId);
    if (!c) {
      c = { id: h.eventId, ord: h.ord, at: h.at, runId: h.runId, sig: null, fp: 0 };
      byId.set(h.eventId, c);
    }
    const list = byKey.get(h.key);
    if (!list) byKey.set(h.key, [c]);
    else if (!list.includes(c)) list.push(c);
  }
  for (const list of byKey.values()) {
    list.sort(newestFirst);
    if (list.length > MAX_CANDIDATES) list.length = MAX_CANDIDATES;
  }
  return byKey;
}

const earliest = (list: Candidate[] | undefined): Candidate | null => (list?.length ? list[list.length - 1]! : null);

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
