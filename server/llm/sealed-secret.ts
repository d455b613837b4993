// Secrets the server must use again later (API keys of LLM endpoints) sealed at rest with AES-256-GCM.
// The key is derived (HKDF) from the app's session secret, so a database dump alone does not reveal them.
import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from '@/server/auth/secret';

const VERSION = 'v1';

function derivedKey(master: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'agent-factory/sealed-secret', 'llm-endpoint-api-key', 32));
}

/** `v1.<base64url(iv | tag | ciphertext)>` */
export function sealSecret(plain: string, master: string = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(master), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

export function openSecret(sealed: string, master: string = authSecret()): string {
  const [version, body] = sealed.split('.');
  if (version !== VERSION || !body) throw new Error('Unrecognised sealed secret format.');
  const raw = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(master), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('The stored secret cannot be opened: the server secret (NEXTAUTH_SECRET) changed since it was saved. Save it again.');
  }
}
