// Membership look-ups shared by tRPC procedures and server-rendered pages.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { memberships, projects, users, type Role } from '@/db/schema';

export async function roleIn(db: Db, userId: string, projectId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.projectId, projectId)));
  return row?.role ?? null;
}

export async function projectsOf(db: Db, userId: string) {
  return db
    .select({ id: projects.id, name: projects.name, slug: projects.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(projects.createdAt), asc(projects.name));
}

export async function getProject(db: Db, projectId: string) {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  return project ?? null;
}

export function listMembers(db: Db, projectId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.projectId, projectId))
    .orderBy(users.name);
}
