// Access checks for server-rendered pages: the same rules as the API, so a hidden link is never the only guard.
import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/server/db';
import type { Role } from '@/db/schema';
import { currentUser } from './options';
import { allows, type Access } from './roles';
import { roleIn } from '@/server/projects/membership';
import type { SessionUser } from './users';

// A page, its layouts and its server-side API calls each check access: once per request is enough (React's cache()
// lives for one server render).
const userOfRequest = cache(currentUser);
const roleOfRequest = cache(async (userId: string, projectId: string) => roleIn(await getDb(), userId, projectId));

export async function requireUser(returnTo = '/'): Promise<SessionUser> {
  const user = await userOfRequest();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireProjectAccess(projectId: string, access: Access): Promise<{ user: SessionUser; role: Role }> {
  const user = await requireUser(`/p/${projectId}`);
  const role = await roleOfRequest(user.id, projectId);
  if (!role) notFound();
  if (!allows(access, role)) forbidden();
  return { user, role };
}
