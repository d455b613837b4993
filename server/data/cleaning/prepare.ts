// A page's work that needs no duplicate index: junk filters, PII redaction, and the keys each clean text is indexed
// and compared by (exact key, number fingerprint, MinHash signature, band keys). Pure, so it runs the same in the
// cleaning worker's thread or in a thread of its own (prepare-thread.ts), whose results travel packed (`PackedPage`).
import type { Entity } from '@/common/pii-types';
import type { CleanConfig } from './config';
import { MIN_SHINGLES } from './dedupe';
import { exactKey, numberFingerprint } from './fingerprint';
import { checkGarbage } from './garbage';
import { bandKey, type Banding } from './lsh';
import { signatureOf, SIGNATURE_SIZE } from './minhash';
import type { CleanEvent, CleanVerdict } from './pipeline';
import { redact } from './pii/detect';

export type Described = {
  exact: number;
  fp: number;
  /** Null for texts too short to compare by similarity (they have no band keys either). */
  sig: Uint16Array | null;
  bands: number[];
};

/** A clean text's exact key, number fingerprint, signature and band keys: what it is indexed and compared by. */
export function describeText(prompt: string, response: string, banding: Banding, exact = exactKey(prompt, response)): Described {
  const sig = new Uint16Array(SIGNATURE_SIZE);
  const shingles = signatureOf(prompt, response, sig);
  const fp = numberFingerprint(prompt, response);
  if (shingles < MIN_SHINGLES) return { exact, fp, sig: null, bands: [] };
  const bands: number[] = [];
  for (let b = 0; b < banding.bands; b++) bands.push(bandKey(sig, b, banding.rows, fp));
  return { exact, fp, sig, bands };
}

export type Prepared = Described & {
  junk: ReturnType<typeof checkGarbage>;
  /** The clean (redacted) text: equal to the raw text where redaction changed nothing. */
  prompt: string;
  response: string;
  entities: CleanVerdict['entities'];
};

export type PrepareTimes = { garbage: number; redact: number; exact: number };

export const NO_ENTITIES: CleanVerdict['entities'] = { prompt: [], response: [] };

/**
 * Prepares one event. `skipKeys(exact)` true means its exact key is already kept, so it is a copy whatever else it
 * resembles: no signature is worked out.
 */
export function prepareEvent(
  e: CleanEvent,
  config: CleanConfig,
  banding: Banding,
  times: PrepareTimes,
  skipKeys?: (exact: number) => boolean,
): Prepared {
  const t0 = performance.now();
  const junk = checkGarbage(e.prompt, e.response, config);
  const t1 = performance.now();
  times.garbage += t1 - t0;
  if (junk) return { junk, prompt: '', response: '', entities: NO_ENTITIES, exact: 0, fp: 0, sig: null, bands: [] };
  const p = redact(e.prompt);
  const r = redact(e.response);
  const t2 = performance.now();
  times.redact += t2 - t1;
  const entities =
    p.entities.length || r.entities.length ? { prompt: p.entities as Entity[], response: r.entities as Entity[] } : NO_ENTITIES;
  const exact = exactKey(p.text, r.text);
  const keys = skipKeys?.(exact) ? { exact, fp: 0, sig: null, bands: [] } : describeText(p.text, r.text, banding, exact);
  times.exact += performance.now() - t2;
  return {
    junk: null,
    prompt: p.text,
    response: r.text,
    entities,
    ...keys,
  };
}

/**
 * A prepared page as it crosses between threads: texts only where redaction changed them, and every signature and
 * band key in one typed array each (transferred, not copied).
 */
export type PackedPage = {
  items: {
    junk: Prepared['junk'];
    prompt: string | null;
    response: string | null;
    entities: Prepared['entities'] | null;
    exact: number;
    fp: number;
    keyed: boolean;
  }[];
  sigs: Uint16Array<ArrayBuffer>;
  bands: Uint32Array<ArrayBuffer>;
  times: PrepareTimes;
};

export function packPage(page: CleanEvent[], prepared: Prepared[], bandCount: number, times: PrepareTimes): PackedPage {
  const sigs = new Uint16Array(prepared.length * SIGNATURE_SIZE);
  const bands = new Uint32Array(prepared.length * bandCount);
  const items = prepared.map((p, i) => {
    if (p.sig) {
      sigs.set(p.sig, i * SIGNATURE_SIZE);
      bands.set(p.bands, i * bandCount);
    }
    const e = page[i]!;
    return {
      junk: p.junk,
      prompt: p.junk || p.prompt === e.prompt ? null : p.prompt,
      response: p.junk || p.response === e.response ? null : p.response,
      entities: p.entities === NO_ENTITIES ? null : p.entities,
      exact: p.exact,
      fp: p.fp,
      keyed: p.sig !== null,
    };
  });
  return { items, sigs, bands, times };
}

/** One event's band keys out of the page's array: a loop, as Array.from a typed array makes an iterator result a key. */
function bandsAt(packed: Uint32Array, i: number, bandCount: number): number[] {
  const bands = new Array<number>(bandCount);
  for (let b = 0, at = i * bandCount; b < bandCount; b++) bands[b] = packed[at + b]!;
  return bands;
}

export function unpackPage(page: CleanEvent[], packed: PackedPage, bandCount: number): Prepared[] {
  return packed.items.map((it, i) => {
    const e = page[i]!;
    if (it.junk) return { junk: it.junk, prompt: '', response: '', entities: NO_ENTITIES, exact: 0, fp: 0, sig: null, bands: [] };
    return {
      junk: null,
      prompt: it.prompt ?? e.prompt,
      response: it.response ?? e.response,
      entities: it.entities ?? NO_ENTITIES,
      exact: it.exact,
      fp: it.fp,
      sig: it.keyed ? packed.sigs.subarray(i * SIGNATURE_SIZE, (i + 1) * SIGNATURE_SIZE) : null,
      bands: it.keyed ? bandsAt(packed.bands, i, bandCount) : [],
    };
  });
}
