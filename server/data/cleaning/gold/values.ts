// Seeded generators of personal data in the formats people really type (valid by each type's own rule), and of
// look-alikes that are not personal data (cards failing Luhn, IBANs failing mod-97, versions, order numbers).
import { chars, ibanWithCheck, luhnCheckDigit } from '@/server/data/demo/pii';
import type { Rng } from '@/common/rng';

export { chars, ipAddress as ipv4 } from '@/server/data/demo/pii';

const FIRST = ['maria', 'james', 'li', 'fatima', 'oliver', 'sofia', 'noah', 'amara', 'lucas', 'yuki', 'ana', 'piotr', 'chen', 'olu'];
const LAST = ['garcia', 'smith', 'chen', 'khan', 'brown', 'rossi', 'muller', 'okafor', 'silva', 'tanaka', 'nowak', 'dubois'];
const DOMAINS = ['gmail.com', 'outlook.com', 'example.org', 'acme-corp.io', 'mail.de', 'uni-heidelberg.de', 'co.uk', 'proton.me'];

export const email = (r: Rng) =>
  `${r.pick(FIRST)}${r.pick(['.', '_', '', '+shop.', '-'])}${r.pick(LAST)}${r.int(0, 2) ? '' : r.int(1, 99)}@${r.pick(['', '', 'mail.', 'eu.'])}${r.pick(DOMAINS)}`;

/** Phones in formats that say "phone" by their shape (used with or without a cue word). */
export const formattedPhone = (r: Rng) =>
  r.pick([
    () => `(${r.int(201, 989)}) ${r.digits(3)}-${r.digits(4)}`,
    () => `+1 ${r.int(201, 989)}-${r.digits(3)}-${r.digits(4)}`,
    () => `+1 (${r.int(201, 989)}) ${r.digits(3)}-${r.digits(4)}`,
    () => `${r.int(201, 989)}-${r.int(200, 999)}-${r.digits(4)}`,
    () => `${r.int(201, 989)}.${r.int(200, 999)}.${r.digits(4)}`,
    () => `+44 20 ${r.digits(4)} ${r.digits(4)}`,
    () => `+49 30 ${r.digits(8)}`,
    () => `+33 1 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
    () => `+91 ${r.int(70000, 99999)} ${r.digits(5)}`,
  ])();

/** Phones whose shape alone does not say so: only a cue word ("call", "mobile") makes them phones. */
export const plainPhone = (r: Rng) =>
  r.pick([
    () => `${r.int(201, 989)}${r.int(200, 999)}${r.digits(4)}`,
    () => `0${r.int(150, 179)} ${r.digits(8)}`,
    () => `07${r.digits(3)} ${r.digits(6)}`,
    () => `${r.int(201, 989)} ${r.int(200, 999)} ${r.digits(4)}`,
  ])();

function cardDigits(r: Rng): string {
  const [prefix, length] = r.pick([
    ['4', 16],
    ['51', 16],
    ['55', 16],
    ['2221', 16],
    ['37', 15],
    ['34', 15],
    ['6011', 16],
    ['65', 16],
    ['3530', 16],
    ['36', 14],
  ] as const);
  const body = prefix + r.digits(length - 1 - prefix.length);
  return body + luhnCheckDigit(body);
}

const groupCard = (d: string, sep: string) =>
  d.length === 15 || d.length === 14 ? [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep) : d.match(/.{1,4}/g)!.join(sep);

export const creditCard = (r: Rng) => groupCard(cardDigits(r), r.pick([' ', '-', '']));

/** A card-shaped number whose check digit is wrong: not a card. */
export function badCard(r: Rng): string {
  const d = cardDigits(r);
  const wrong = (Number(d.at(-1)) + r.int(1, 9)) % 10;
  return groupCard(d.slice(0, -1) + wrong, r.pick([' ', '-', '']));
}

export const ssn = (r: Rng) =>
  `${String(r.pick([r.int(1, 665), r.int(667, 899)])).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`;

const hex = (r: Rng, n: number) => chars(r, n, '0123456789abcdef').replace(/^0+(?=.)/, '');
export const ipv6 = (r: Rng) =>
  r.pick([
    () => `2001:db8:${hex(r, 4)}::${hex(r, 3)}:${hex(r, 4)}`,
    () => `fe80::${hex(r, 3)}:${hex(r, 4)}:${hex(r, 4)}:${hex(r, 4)}`,
    () => Array.from({ length: 8 }, () => hex(r, 4)).join(':'),
    () => `2a00:1450:${hex(r, 4)}:${hex(r, 3)}::${hex(r, 4)}`,
  ])();

function ibanCompact(r: Rng): string {
  return r.pick([
    () => ibanWithCheck('DE', r.digits(18)),
    () => ibanWithCheck('GB', `${r.pick(['NWBK', 'BARC', 'HBUK', 'LOYD'])}${r.digits(14)}`),
    () => ibanWithCheck('FR', r.digits(23)),
    () => ibanWithCheck('NL', `${r.pick(['ABNA', 'INGB', 'RABO'])}${r.digits(10)}`),
    () => ibanWithCheck('ES', r.digits(20)),
    () => ibanWithCheck('IT', `${chars(r, 1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${r.digits(22)}`),
  ])();
}

const groupIban = (r: Rng, s: string) => (r.int(0, 1) ? s.match(/.{1,4}/g)!.join(' ') : s);
export const iban = (r: Rng) => groupIban(r, ibanCompact(r));

/** An IBAN with one digit changed: the mod-97 check fails. */
export function badIban(r: Rng): string {
  const s = ibanCompact(r);
  const at = s.length - 1 - r.int(0, 5);
  const changed = s.slice(0, at) + ((Number(s[at]) + r.int(1, 9)) % 10) + s.slice(at + 1);
  return groupIban(r, changed);
}

export const secret = (r: Rng) =>
  r.pick([
    () => `sk-${chars(r, 48)}`,
    () => `sk-proj-${chars(r, 40)}`,
    () => `ghp_${chars(r, 36)}`,
    () => `AKIA${chars(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    () => `xoxb-${r.digits(12)}-${r.digits(13)}-${chars(r, 24)}`,
    () => `af_live_${chars(r, 40, '0123456789abcdefghjkmnpqrstvwxyz')}`,
    () => `af_wrk_${chars(r, 40, '0123456789abcdefghjkmnpqrstvwxyz')}`,
    () => `sk_live_${chars(r, 24)}`,
    () => `eyJ${chars(r, 20)}.eyJ${chars(r, 40)}.${chars(r, 43)}`,
  ])();

/** A value given to `token=` / `Bearer`: random, mixed letters and digits. */
export const tokenValue = (r: Rng) => chars(r, r.int(24, 40)).replace(/^(.)/, 'k').replace(/(.)$/, '7');
