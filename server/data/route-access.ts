// Session checks for the Data factory's plain route handlers (upload, export), with the same rules as tRPC procedures.
import type { Db } from '@/db';
import type { Role } from '@/db/schema';
import { currentUser } from '@/server/auth/options';
import { refusal, type Access } from '@/server/auth/roles';
import type { SessionUser } from '@/server/auth/users';
import { roleIn } from '@/server/projects/membership';

export type RouteAccess = { ok: true; user: SessionUser; role: Role } | { ok: false; response: Response };

export async function sessionAccess(db: Db, projectId: string, access: Access): Promise<RouteAccess> {
  const user = await currentUser();
  if (!user) return { ok: false, response: Response.json({ error: 'Sign in first.' }, { status: 401 }) };
  const role = await roleIn(db, user.id, projectId);
  const error = refusal(access, role);
  if (error) return { ok: false, response: Response.json({ error }, { status: 403 }) };
  return { ok: true, user, role: role! };
}
