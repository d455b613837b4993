// Prefixed ids tell a row's kind at a glance (`job_…`, `proj_…`) and sort no worse than UUIDs.
import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32: no i, l, o, u to misread

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % 32];
  return out;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomToken(16)}`;
}
