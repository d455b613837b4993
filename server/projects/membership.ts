// Membership look-ups shared by tRPC procedures and server-rendered pages.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { memberships, projects, type Role } from '@/db/schema';

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
