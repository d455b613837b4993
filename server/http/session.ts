// Session checks for plain route handlers (uploads, exports): the same rules as tRPC procedures, plus the same-origin
// check every cookie-authenticated write needs.
import type { Db } from '@/db';
import type { Role } from '@/db/schema';
import { currentUser } from '@/server/auth/options';
import { refusal, type Access } from '@/server/auth/roles';
import type { SessionUser } from '@/server/auth/users';
import { DomainError } from '@/server/domain-error';
import { roleIn } from '@/server/projects/membership';
import { assertSameOrigin } from './same-origin';

export async function requireSession(db: Db, req: Request, projectId: string, access: Access): Promise<{ user: SessionUser; role: Role }> {
  assertSameOrigin(req);
  const user = await currentUser();
  if (!user) throw new DomainError('unauthorized', 'Sign in first.');
  const role = await roleIn(db, user.id, projectId);
  const refused = refusal(access, role);
  if (refused) throw new DomainError('forbidden', refused);
  return { user, role: role! };
}
