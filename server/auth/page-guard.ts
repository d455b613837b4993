// Access checks for server-rendered pages: the same rules as the API, so a hidden link is never the only guard.
import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import type { Role } from '@/db/schema';
import { currentUser } from './options';
import { allows, type Access } from './roles';
import { roleIn } from '@/server/projects/membership';
import type { SessionUser } from './users';

export async function requireUser(returnTo = '/'): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireProjectAccess(projectId: string, access: Access): Promise<{ user: SessionUser; role: Role }> {
  const user = await requireUser(`/p/${projectId}`);
  const role = await roleIn(await getDb(), user.id, projectId);
  if (!role) notFound();
  if (!allows(access, role)) forbidden();
  return { user, role };
}
