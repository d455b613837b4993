// A real install starts with no users. Until the first admin exists, every start issues a fresh one-time setup link
// (or creates the admin from AF_ADMIN_EMAIL / AF_ADMIN_PASSWORD); the link works once, and only while no user exists.
import 'server-only';
import { count, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { ensureBasicAgent } from '@/server/runtime/templates';
import { newId, randomToken } from '@/db/ids';
import { memberships, projects, setupTokens, users } from '@/db/schema';
import { sha256Hex } from '@/server/auth/secrets';
import { hashPassword } from '@/server/auth/passwords';
import { DomainError, fieldError } from '@/server/domain-error';

const TOKEN_HOURS = 24;
export const MIN_PASSWORD_CHARS = 12;

export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/** A new setup token (any earlier one stops working); the caller prints the link. */
export async function issueSetupToken(db: Db): Promise<string> {
  const token = `af_setup_${randomToken(32)}`;
  await db.transaction(async (tx) => {
    await tx.delete(setupTokens).where(sql`true`); // one live link at a time
    await tx.insert(setupTokens).values({ tokenHash: sha256Hex(token), expiresAt: sql`now() + make_interval(hours => ${TOKEN_HOURS})` });
  });
  return token;
}

export async function setupTokenValid(db: Db, token: string): Promise<boolean> {
  await db.delete(setupTokens).where(lt(setupTokens.expiresAt, sql`now()`));
  const [row] = await db
    .select()
    .from(setupTokens)
    .where(eq(setupTokens.tokenHash, sha256Hex(token)));
  return !!row && !(await hasUsers(db));
}

export type FirstAdmin = { email: string; name: string; password: string; projectName: string };

/** Creates the first admin and their first project, in one transaction, refusing once any user exists. */
export async function createFirstAdmin(db: Db, a: FirstAdmin, token: string | null): Promise<{ userId: string; projectId: string }> {
  if (a.password.length < MIN_PASSWORD_CHARS) throw fieldError('password', `Use at least ${MIN_PASSWORD_CHARS} characters.`);
  const passwordHash = await hashPassword(a.password);
  return db.transaction(async (tx) => {
    // The advisory lock makes two setups at once take turns: the second sees the first's user and is refused.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) throw new DomainError('conflict', 'This install is already set up: sign in instead.');
    if (token !== null) {
      const used = await tx
        .delete(setupTokens)
        .where(eq(setupTokens.tokenHash, sha256Hex(token)))
        .returning();
      if (!used.length || used[0]!.expiresAt.getTime() < Date.now())
        throw new DomainError('forbidden', 'This setup link is no longer valid: restart the server to print a new one.');
    }
    const userId = newId('user');
    const projectId = newId('proj');
    await tx.insert(users).values({ id: userId, email: a.email.trim().toLowerCase(), name: a.name.trim(), passwordHash });
    await tx
      .insert(projects)
      .values({ id: projectId, name: a.projectName.trim(), slug: `${slugOf(a.projectName)}-${projectId.slice(-6)}` });
    await tx.insert(memberships).values({ projectId, userId, role: 'admin' });
    await ensureBasicAgent(tx, projectId);
    return { userId, projectId };
  });
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'project';
