// Who belongs to a project and with which role, changed by its admins: add by email (a new person gets an account
// with a one-time temporary password, shown once, like an API key), change a role, remove. A project never loses its
// last admin that way.
import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { newId, randomToken } from '@/db/ids';
import { memberships, users, type Role } from '@/db/schema';
import { hashPassword } from '@/server/auth/passwords';
import { DomainError, fieldError } from '@/server/domain-error';

export type AddedMember = { userId: string; email: string; role: Role; created: boolean; temporaryPassword: string | null };

export async function addMember(db: Db, projectId: string, input: { email: string; name?: string; role: Role }): Promise<AddedMember> {
  const email = input.email.trim().toLowerCase();
  const temporary = `tmp-${randomToken(16)}`;
  const passwordHash = await hashPassword(temporary);
  return db.transaction(async (tx) => {
    let [user] = await tx.select().from(users).where(eq(users.email, email));
    let created = false;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ id: newId('user'), email, name: input.name?.trim() || email.split('@')[0]!, passwordHash })
        .returning();
      created = true;
    }
    const inserted = await tx
      .insert(memberships)
      .values({ projectId, userId: user!.id, role: input.role })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw fieldError('email', `${email} is already a member of this project: change their role instead.`);
    return { userId: user!.id, email, role: input.role, created, temporaryPassword: created ? temporary : null };
  });
}

export async function setMemberRole(db: Db, projectId: string, userId: string, role: Role) {
  return db.transaction(async (tx) => {
    if (role !== 'admin') await keepAnAdmin(tx, projectId, userId);
    const rows = await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, userId)))
      .returning();
    if (!rows.length) throw new DomainError('not_found', 'No such member in this project.');
    return rows[0]!;
  });
}

export async function removeMember(db: Db, projectId: string, userId: string) {
  return db.transaction(async (tx) => {
    await keepAnAdmin(tx, projectId, userId);
    const rows = await tx
      .delete(memberships)
      .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, userId)))
      .returning();
    if (!rows.length) throw new DomainError('not_found', 'No such member in this project.');
    return { removed: userId };
  });
}

/** Refuses a change that would leave the project without an admin (the person changed being its last one). */
async function keepAnAdmin(tx: Tx, projectId: string, userId: string) {
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.projectId, projectId), eq(memberships.role, 'admin')))
    .for('update');
  if (admins.length === 1 && admins[0]!.userId === userId)
    throw new DomainError('conflict', 'This is the project’s only admin: make someone else admin first.');
}

/** The admins' names and emails: what any member may know, so they know whom to ask for keys or access. */
export async function projectAdmins(db: Db, projectId: string) {
  return db
    .select({ name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.projectId, projectId), eq(memberships.role, 'admin')))
    .orderBy(users.name);
}

export async function memberCount(db: Db, projectId: string) {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.projectId, projectId));
  return row?.n ?? 0;
}
