// Credential sign-in against the users table: throttled per account and address, and as slow for an unknown email
// as for a wrong password, so neither guessing nor timing tells which emails exist.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import { verifyPassword } from './passwords';
import { assertNotThrottled, recordFailure, recordSuccess } from './sign-in-throttle';

export type SessionUser = { id: string; email: string; name: string };

// A bcrypt hash (cost 10, like real ones) of a password nobody has: unknown emails spend the same work on it.
const NO_USER_HASH = '$2b$10$grLfwp7BpI6FfyTPRQ/D1OS/X1OWmBPn1dV79SH1/xahzBa3bh9e2';

/**
 * The user these credentials sign in, or null. Throws a rate_limited DomainError ("try again in N s") while the
 * account or the client address is locked after repeated failures.
 */
export async function checkCredentials(
  db: Db,
  email: string,
  password: string,
  address: string | null = null,
): Promise<SessionUser | null> {
  const keys = { account: email, address };
  await assertNotThrottled(db, keys);
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const ok = await verifyPassword(password, user?.passwordHash ?? NO_USER_HASH);
  if (!user || !ok) {
    await recordFailure(db, keys);
    return null;
  }
  await recordSuccess(db, keys);
  return { id: user.id, email: user.email, name: user.name };
}
