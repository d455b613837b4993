// What the eval commands share: where they write, and the project check every command starts with.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { projects } from '@/db/schema';

export type Out = { log: (line: string) => void; error: (line: string) => void };

export async function projectExists(db: Db, projectId: string): Promise<boolean> {
  const [row] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
  return !!row;
}
