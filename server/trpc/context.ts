// Builds the tRPC context for a web request: the session's user and the process's database.
import 'server-only';
import { getDb } from '@/server/db';
import { currentUser } from '@/server/auth/options';
import type { Context } from './init';

export async function createRequestContext(): Promise<Context> {
  const [db, user] = await Promise.all([getDb(), currentUser()]);
  return { db, user };
}
