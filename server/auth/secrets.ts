// Machine credentials (API keys, worker tokens): shown once, stored only as SHA-256, recognisable by prefix.
import { createHash } from 'node:crypto';
import { randomToken } from '@/db/ids';

export type IssuedSecret = { secret: string; prefix: string; hash: string };

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** `kind` is `af_live` for API keys and `af_wrk` for worker tokens, so a leaked string says what it unlocks. */
export function issueSecret(kind: 'af_live' | 'af_wrk'): IssuedSecret {
  const secret = `${kind}_${randomToken(40)}`;
  return { secret, prefix: secret.slice(0, kind.length + 7), hash: sha256Hex(secret) };
}

/** Reads `Authorization: Bearer …` (or `x-api-key`) from a request. */
export function bearerFrom(headers: Headers): string | null {
  const auth = headers.get('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim() || null;
  return headers.get('x-api-key')?.trim() || null;
}
