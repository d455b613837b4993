// The committed gold set (written by `npx tsx --conditions=react-server scripts/make-gold-set.ts`), read once per process. Should the files be
// missing (a trimmed deployment), the same seeded generators produce the same data at run time.
import 'server-only';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventsGold, type GoldEvent } from './events-gold';
import { piiGold, type GoldPii } from './pii-gold';

export const GOLD_DIR = path.join('server', 'data', 'cleaning', 'gold');
export const GOLD_FILES = { pii: 'pii.jsonl', events: 'events.jsonl' } as const;

export type GoldSet = { pii: GoldPii[]; events: GoldEvent[]; source: 'file' | 'generated' };

let cached: GoldSet | null = null;

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function loadGold(root = process.cwd()): GoldSet {
  if (cached) return cached;
  const pii = path.join(root, GOLD_DIR, GOLD_FILES.pii);
  const events = path.join(root, GOLD_DIR, GOLD_FILES.events);
  cached =
    existsSync(pii) && existsSync(events)
      ? { pii: readJsonl<GoldPii>(pii), events: readJsonl<GoldEvent>(events), source: 'file' }
      : { pii: piiGold(), events: eventsGold(), source: 'generated' };
  return cached;
}

export const toJsonl = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
