// Secrets the server must use again later (API keys of LLM endpoints, cluster tokens) sealed at rest with AES-256-GCM,
// each bound to the URL it was saved for: the URL is the cipher's additional authenticated data, so a sealed key opens
// only for that URL. Pointing an endpoint elsewhere can therefore never send the old key there, whatever the code
// around it does. The key is derived (HKDF) from the app's session secret, so a database dump alone reveals nothing.
import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from '@/server/auth/secret';
import { DomainError } from '@/server/domain-error';

const VERSION = 'v2';

function derivedKey(master: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'agent-factory/sealed-secret', 'bound-credential', 32));
}

/** The part of a URL a credential is bound to: scheme, host, port and path (no query, no trailing slash). */
export function bindingOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

/** `v2.<base64url(iv | tag | ciphertext)>`, opening only for `boundTo`. */
export function sealSecret(plain: string, boundTo: string, master: string = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(master), iv);
  cipher.setAAD(Buffer.from(bindingOf(boundTo)));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

export function openSecret(sealed: string, boundTo: string, master: string = authSecret()): string {
  const [version, body] = sealed.split('.');
  if (version === 'v1')
    throw new DomainError('precondition_failed', 'This key was saved before keys were bound to their URL: an admin must save it again.');
  if (version !== VERSION || !body) throw new Error('Unrecognised sealed secret format.');
  const raw = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(master), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(bindingOf(boundTo)));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new DomainError(
      'precondition_failed',
      'The stored key cannot be opened for this URL: it was saved for another URL, or the server secret (NEXTAUTH_SECRET) changed. An admin must save the key again.',
    );
  }
}

/** What settings forms may see of a key: whether there is one and its last characters. */
export const keyHint = (key: string) => key.slice(-4);

export type SealedKey = { sealed: string | null; hint: string | null };

/**
 * The key to store when an endpoint is saved: a new key is sealed for the new URL; an empty string removes it; no key
 * keeps the old one only while the URL is unchanged (a changed URL drops it, so it cannot follow the endpoint anywhere).
 */
export function nextSealedKey(saved: { url: string; key: SealedKey } | null, input: { url: string; apiKey?: string }): SealedKey {
  if (input.apiKey !== undefined && input.apiKey !== '')
    return { sealed: sealSecret(input.apiKey, input.url), hint: keyHint(input.apiKey) };
  if (input.apiKey === '' || !saved || bindingOf(saved.url) !== bindingOf(input.url)) return { sealed: null, hint: null };
  return saved.key;
}
