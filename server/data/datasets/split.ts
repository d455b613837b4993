// The train/validation split: a seeded, deterministic shuffle. The same seed over the same events gives the same
// split and order on any machine; an event's place depends only on (seed, event id), not on the order rows came back.
// The build computes the same placement and hash in SQL (./build.ts); these are the reference its test compares with.
import { createHash } from 'node:crypto';
import type { DatasetSplit } from '@/db/schema';

export type Placed = { eventId: string; split: DatasetSplit; position: number };

const sortKey = (seed: number, eventId: string) => createHash('sha256').update(`${seed}:${eventId}`).digest('hex');

/** How many go to validation: the fraction rounded, at least one when there are two or more examples, never all. */
export function validationSize(n: number, fraction: number): number {
  if (n < 2 || fraction <= 0) return 0;
  return Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
}

export function assignSplits(eventIds: string[], seed: number, validationFraction: number): Placed[] {
  const keyed = eventIds.map((eventId) => ({ eventId, key: sortKey(seed, eventId) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.eventId < b.eventId ? -1 : 1));
  const k = validationSize(keyed.length, validationFraction);
  return keyed.map(({ eventId }, i) =>
    i < k ? { eventId, split: 'validation' as const, position: i } : { eventId, split: 'train' as const, position: i - k },
  );
}

/** SHA-256 over the sorted `event_id:split` lines: the same hash means the same rows in the same splits. */
export function membershipHash(placed: Placed[]): string {
  const hash = createHash('sha256');
  for (const p of [...placed].sort((a, b) => (a.eventId < b.eventId ? -1 : 1))) hash.update(`${p.eventId}:${p.split}\n`);
  return hash.digest('hex');
}
