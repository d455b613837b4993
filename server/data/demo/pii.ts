// Realistic personal data for the demo support chats: the kinds cleaning must redact, each valid by its own rule
// (card numbers pass Luhn, IBANs their mod-97 check), so the redactor is tried on the real thing.
import type { Rng } from '@/common/rng';

const FIRST = ['maria', 'james', 'li', 'fatima', 'oliver', 'sofia', 'noah', 'amara', 'lucas', 'yuki'];
const LAST = ['garcia', 'smith', 'chen', 'khan', 'brown', 'rossi', 'muller', 'okafor', 'silva', 'tanaka'];
const DOMAINS = ['gmail.com', 'outlook.com', 'example.org', 'acme-corp.io', 'mail.de'];

export const email = (r: Rng) =>
  `${r.pick(FIRST)}${r.pick(['.', '_', ''])}${r.pick(LAST)}${r.int(0, 1) ? r.int(1, 99) : ''}@${r.pick(DOMAINS)}`;

export function phone(r: Rng): string {
  const d = r.digits.bind(null);
  return r.pick([
    () => `(${r.int(201, 989)}) ${d(3)}-${d(4)}`,
    () => `+1 ${r.int(201, 989)}-${d(3)}-${d(4)}`,
    () => `+44 20 ${d(4)} ${d(4)}`,
    () => `+49 30 ${d(8)}`,
    () => `${r.int(201, 989)}.${d(3)}.${d(4)}`,
  ])();
}

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

export function creditCard(r: Rng): string {
  const [prefix, length] = r.pick([
    ['4', 16],
    ['51', 16],
    ['55', 16],
    ['37', 15],
    ['6011', 16],
  ] as const);
  const body = prefix + r.digits(length - 1 - prefix.length);
  const number = body + luhnCheckDigit(body);
  const sep = r.pick([' ', '-', '']);
  return length === 15 ? [number.slice(0, 4), number.slice(4, 10), number.slice(10)].join(sep) : number.match(/.{4}/g)!.join(sep);
}

export const ssn = (r: Rng) =>
  `${String(r.pick([r.int(100, 665), r.int(667, 899)])).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`;

export const ipAddress = (r: Rng) =>
  r.pick([
    () => `192.168.${r.int(0, 255)}.${r.int(1, 254)}`,
    () => `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    () => `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
  ])();

/** IBAN check digits: 98 − (number mod 97), with the country code and "00" moved to the end and letters as 10..35. */
export function ibanWithCheck(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98 - Number(BigInt(numeric) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

export function iban(r: Rng): string {
  const raw = r.pick([
    () => ibanWithCheck('DE', r.digits(18)),
    () => ibanWithCheck('GB', `NWBK${r.digits(14)}`),
    () => ibanWithCheck('FR', r.digits(23)),
  ])();
  return r.int(0, 1) ? raw.match(/.{1,4}/g)!.join(' ') : raw;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const chars = (r: Rng, n: number, alphabet = ALNUM) => Array.from({ length: n }, () => r.pick(alphabet.split(''))).join('');

export const apiKey = (r: Rng) =>
  r.pick([
    () => `sk-${chars(r, 48)}`,
    () => `sk-proj-${chars(r, 40)}`,
    () => `ghp_${chars(r, 36)}`,
    () => `AKIA${chars(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  ])();
