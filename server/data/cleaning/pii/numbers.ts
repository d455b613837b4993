// Card numbers, SSNs, IBANs and IP addresses: each shape is matched precisely, then confirmed by its own rule
// (Luhn and a network prefix, SSN number ranges, the IBAN's mod-97 and country length, octet ranges).
import type { Entity } from '@/common/pii-types';
import { cardNetwork, ibanValid, IBAN_LENGTHS, ipv4Valid, ipv6Valid, luhnValid } from './checksums';
import { hasIdCue, hasSsnCue, hasVersionCue, looksArithmetic } from './context';

/** 4-4-4-4(-3) or Amex/Diners 4-6-5/4-6-4 with one consistent separator, or 13..19 digits in one run. */
const CARD = /(?<![\w.,$€£#-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})(?![\w]|[.,-]\d)/g;

export function findCards(text: string, out: Entity[]): void {
  CARD.lastIndex = 0;
  for (let m = CARD.exec(text); m; m = CARD.exec(text)) {
    const digits = m[0].replace(/\D/g, '');
    if (!cardNetwork(digits) || !luhnValid(digits) || hasIdCue(text, m.index)) continue;
    out.push({ type: 'CREDIT_CARD', start: m.index, end: m.index + m[0].length });
  }
}

const SSN = /(?<![\w.-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w]|[.-]\d)/g;

export function findSsns(text: string, out: Entity[]): void {
  SSN.lastIndex = 0;
  for (let m = SSN.exec(text); m; m = SSN.exec(text)) {
    const area = Number(m[1]);
    // Never issued: area 000, 666 and 900–999, group 00, serial 0000.
    if (area === 0 || area === 666 || area >= 900 || m[3] === '00' || m[4] === '0000') continue;
    const cue = hasSsnCue(text, m.index);
    // The dashed 3-2-4 form is the SSN's own; spaced or bare nine digits only when the text says it is one.
    if (m[2] === '-' ? !cue && (hasIdCue(text, m.index) || looksArithmetic(text, m.index, m.index + m[0].length)) : !cue) continue;
    out.push({ type: 'SSN', start: m.index, end: m.index + m[0].length });
  }
}

const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;

export function findIpv4(text: string, out: Entity[]): void {
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(text); m; m = IPV4.exec(text)) {
    if (!ipv4Valid(m[0]) || hasVersionCue(text, m.index)) continue;
    out.push({ type: 'IP_ADDRESS', start: m.index, end: m.index + m[0].length });
  }
}

/** Hex groups and colons (two colons at least), optionally ending in a dotted IPv4; `ipv6Valid` decides. */
const IPV6 = /(?<![\w:])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/g;

export function findIpv6(text: string, out: Entity[]): void {
  IPV6.lastIndex = 0;
  for (let m = IPV6.exec(text); m; m = IPV6.exec(text)) {
    const s = m[0];
    // Two groups at least and a digit somewhere: keeps `::`, `std::vector`-like and `dead::beef` words out.
    if (s.length < 6 || !/\d/.test(s) || !ipv6Valid(s)) continue;
    if (s.replace(/:+/g, ':').split(':').filter(Boolean).length < 2) continue;
    out.push({ type: 'IP_ADDRESS', start: m.index, end: m.index + s.length });
  }
}

/** Country code and check digits, then the BBAN in groups of four or in one run; cut to the country's length below. */
const IBAN = /(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/g;

export function findIbans(text: string, out: Entity[]): void {
  IBAN.lastIndex = 0;
  for (let m = IBAN.exec(text); m; m = IBAN.exec(text)) {
    const s = m[0];
    const length = IBAN_LENGTHS[s.slice(0, 2).toUpperCase()];
    // On a miss, look again one character on: a real IBAN may start inside this greedy match.
    IBAN.lastIndex = m.index + 1;
    if (!length) continue;
    let compact = '';
    let i = 0;
    for (; i < s.length && compact.length < length; i++) if (s[i] !== ' ') compact += s[i];
    const end = m.index + i;
    // The IBAN must end where a word ends: a longer code that merely starts like one is something else.
    if (compact.length < length || /[A-Za-z0-9]/.test(text[end] ?? '')) continue;
    if (!ibanValid(compact.toUpperCase())) continue;
    out.push({ type: 'IBAN', start: m.index, end });
    IBAN.lastIndex = end;
  }
}
