// The public API's credential: a project API key as a bearer token.
import type { Db } from '@/db';
import { bearerFrom } from '@/server/auth/secrets';
import { DomainError } from '@/server/domain-error';
import { authenticate, type Authenticated } from '@/server/projects/credentials';

export const MISSING_API_KEY =
  'Missing or invalid API key: send `Authorization: Bearer af_live_…` (admins create keys in the project settings).';

export async function requireApiKey(db: Db, headers: Headers): Promise<Authenticated> {
  const key = await authenticate(db, 'api_key', bearerFrom(headers));
  if (!key) throw new DomainError('unauthorized', MISSING_API_KEY);
  return key;
}
