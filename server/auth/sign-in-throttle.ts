// Password guessing is throttled per account and per client address: after a few failures inside a window, further
// attempts are refused for a while (longer each time), with the wait in the message. Kept in the database so every
// web process shares the count.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { signInThrottle } from '@/db/schema';
import { DomainError } from '@/server/domain-error';

export const LIMITS = {
  account: { failures: 5, windowSeconds: 15 * 60 },
  address: { failures: 20, windowSeconds: 15 * 60 },
} as const;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

export type ThrottleKeys = { account: string; address: string | null };

const keysOf = (k: ThrottleKeys) => [
  { key: `account:${k.account.trim().toLowerCase()}`, limit: LIMITS.account },
  ...(k.address ? [{ key: `address:${k.address}`, limit: LIMITS.address }] : []),
];

/** Refuses (rate_limited, with the seconds to wait) while the account or the address is locked. */
export async function assertNotThrottled(db: Db, k: ThrottleKeys): Promise<void> {
  for (const { key } of keysOf(k)) {
    const [row] = await db
      .select({ wait: sql<number>`ceil(extract(epoch from (${signInThrottle.lockedUntil} - now())))::int` })
      .from(signInThrottle)
      .where(eq(signInThrottle.key, key));
    if (row && row.wait > 0)
      throw new DomainError('rate_limited', `Too many failed sign-ins. Try again in ${row.wait} s.`, { retryAfterSeconds: row.wait });
  }
}

/** Counts a failure; at the limit the key is locked, for 30 s doubling with each further failure (at most 15 min). */
export async function recordFailure(db: Db, k: ThrottleKeys): Promise<void> {
  for (const { key, limit } of keysOf(k)) {
    const fresh = sql`${signInThrottle.windowStartedAt} < now() - make_interval(secs => ${limit.windowSeconds})`;
    const failures = sql`case when ${fresh} then 1 else ${signInThrottle.failures} + 1 end`;
    const over = sql`greatest(0, (${failures}) - ${limit.failures} + 1)`;
    await db
      .insert(signInThrottle)
      .values({ key, failures: 1 })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures,
          windowStartedAt: sql`case when ${fresh} then now() else ${signInThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when ${over} > 0 then now() + make_interval(secs => least(${MAX_LOCK_SECONDS}, ${BASE_LOCK_SECONDS} * power(2, ${over} - 1))) else ${signInThrottle.lockedUntil} end`,
        },
      });
  }
}

/** A successful sign-in clears the account's count (the address keeps its own). */
export async function recordSuccess(db: Db, k: ThrottleKeys): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, keysOf(k)[0]!.key));
}
