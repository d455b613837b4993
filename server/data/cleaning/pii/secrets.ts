// API keys, tokens and passwords: vendor formats recognisable by their prefix, and values given to a key-like name
// (`api_key=…`, `token: …`, `Bearer …`, a URL's password) when they look random enough to be a real credential.
import type { Entity } from '@/common/pii-types';
import { shannonEntropy } from './checksums';

/** Tokens whose prefix names their issuer: OpenAI, Anthropic, Stripe, GitHub, AWS, Slack, Google, GitLab, ours, JWTs. */
const PREFIXES = [
  String.raw`sk-(?:proj-|ant-(?:api\d\d-)?|live-|test-|svcacct-)?[A-Za-z0-9_-]{20,}`,
  String.raw`(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}`,
  String.raw`gh[pousr]_[A-Za-z0-9]{30,}`,
  String.raw`github_pat_[A-Za-z0-9_]{40,}`,
  String.raw`(?:AKIA|ASIA)[A-Z0-9]{16}`,
  String.raw`xox[abposre]-[A-Za-z0-9-]{10,}`,
  String.raw`AIza[0-9A-Za-z_-]{35}`,
  String.raw`glpat-[A-Za-z0-9_-]{20,}`,
  String.raw`af_(?:live|wrk)_[0-9a-z]{16,}`,
  String.raw`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
];
const PREFIXED = new RegExp(`(?<![\\w-])(?:${PREFIXES.join('|')})(?![\\w-])`, 'g');

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

/** `name = value` / `name: "value"` where the name says key, token, secret or password. */
const ASSIGNED =
  /\b(api[_-]?key|apikey|x-api-key|access[_-]?key(?:[_-]?id)?|secret(?:[_-]?(?:access[_-]?)?key)?|client[_-]?secret|(?:access|auth|refresh|bearer|api|session)?[_-]?token|password|passwd|passphrase|pwd)\b["']?\s*[:=]\s*["']?([^\s"'`,;&<>()[\]{}]{6,})/gi;

/** "my password is hunter2": passwords and PINs said in words. */
const SAID = /\b(password|passcode|passwd|pin)\s+(?:is|was)\s+["']?([^\s"'`,;]{4,})/gi;

const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g;

/** `scheme://user:password@host`: the password part. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@/gi;

const PASSWORDISH = /pass|pwd|pin/i;

/**
 * Random enough to be a credential: long, mixing letters and digits, with high per-character entropy. Words, file
 * names, `[SECRET]` placeholders and masked values (`********`) stay below these bars.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16) return false;
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return false;
  return shannonEntropy(value) >= 3.2;
}

/**
 * In prose, "the password is incorrect" is far commoner than a password: a said password must look like one (a digit
 * or a symbol, or mixed case), and a PIN is 4..8 digits.
 */
function saidSecret(name: string, value: string): boolean {
  if (/^pin$/i.test(name)) return /^\d{4,8}$/.test(value);
  if (value.length < 6 || value.startsWith('[')) return false;
  return /[^A-Za-z]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value.slice(1)));
}

function pushGroup(m: RegExpExecArray, group: number, out: Entity[]): void {
  const value = m[group]!;
  const start = m.index + m[0].lastIndexOf(value);
  // Trailing sentence punctuation is not part of the secret.
  const trimmed = value.replace(/[.!?]+$/, '');
  if (trimmed.length) out.push({ type: 'SECRET', start, end: start + trimmed.length });
}

export function findSecrets(text: string, out: Entity[]): void {
  PREFIXED.lastIndex = 0;
  for (let m = PREFIXED.exec(text); m; m = PREFIXED.exec(text)) out.push({ type: 'SECRET', start: m.index, end: m.index + m[0].length });
  if (text.includes('-----BEGIN')) {
    PRIVATE_KEY.lastIndex = 0;
    for (let m = PRIVATE_KEY.exec(text); m; m = PRIVATE_KEY.exec(text))
      out.push({ type: 'SECRET', start: m.index, end: m.index + m[0].length });
  }
  ASSIGNED.lastIndex = 0;
  for (let m = ASSIGNED.exec(text); m; m = ASSIGNED.exec(text)) {
    const value = m[2]!;
    // Passwords are secret whatever they look like; keys and tokens only when random-looking (not `token: none`).
    const ok = PASSWORDISH.test(m[1]!) ? !/^(\*+|x+|\.+|•+)$/i.test(value) && !value.startsWith('[') : looksRandom(value);
    if (ok) pushGroup(m, 2, out);
  }
  SAID.lastIndex = 0;
  for (let m = SAID.exec(text); m; m = SAID.exec(text)) if (saidSecret(m[1]!, m[2]!.replace(/[.!?]+$/, ''))) pushGroup(m, 2, out);
  BEARER.lastIndex = 0;
  for (let m = BEARER.exec(text); m; m = BEARER.exec(text)) if (looksRandom(m[1]!)) pushGroup(m, 1, out);
  if (text.includes('://')) {
    URL_PASSWORD.lastIndex = 0;
    for (let m = URL_PASSWORD.exec(text); m; m = URL_PASSWORD.exec(text)) pushGroup(m, 1, out);
  }
}
