// Builds the tRPC context for a web request: the session's user, or a project API key (`Authorization: Bearer
// af_live_…`) acting for the admin who created it, and the process's database.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { credentials, users } from '@/db/schema';
import { getDb } from '@/server/db';
import { currentUser } from '@/server/auth/options';
import { bearerFrom } from '@/server/auth/secrets';
import { TRPCError } from '@trpc/server';
import { authenticate } from '@/server/projects/credentials';
import type { Context } from './init';

export async function createRequestContext(req?: Request, database?: Db): Promise<Context> {
  const db = database ?? (await getDb());
  const secret = req ? bearerFrom(req.headers) : null;
  if (secret) {
    const key = await authenticate(db, 'api_key', secret);
    if (!key) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Missing or invalid API key: send `Authorization: Bearer af_live_…`.' });
    const [owner] = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(credentials)
      .innerJoin(users, eq(users.id, credentials.createdBy))
      .where(eq(credentials.id, key.credentialId));
    if (!owner)
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'The admin who created this API key is gone: create a new key in Settings.' });
    return { db, user: owner, apiKey: key };
  }
  return { db, user: await currentUser() };
}
