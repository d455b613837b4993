// The labelled PII gold set: support-chat sentences with personal data placed at known spans (including hard cases the
// redactor is known to miss, so recall is measured, not assumed), and number-heavy sentences that contain none.
import { seededRng, type Rng } from '@/common/rng';
import { NUMBER_HEAVY_LINES } from '../pii/number-corpus';
import { pii, tag, type LabelledText } from './labelled';
import * as v from './values';

const EMAIL = tag('EMAIL'),
  PHONE = tag('PHONE'),
  CARD = tag('CREDIT_CARD'),
  SSN = tag('SSN'),
  IP = tag('IP_ADDRESS'),
  IBAN = tag('IBAN'),
  SECRET = tag('SECRET');

export type GoldPii = LabelledText & { kind: 'positive' | 'negative' | 'hard'; note?: string };

type Make = (r: Rng) => LabelledText;

const POSITIVE: Make[] = [
  (r) => pii`Hi, I can't log in. My account email is ${EMAIL(v.email(r))}.`,
  (r) => pii`Please send the invoice to ${EMAIL(v.email(r))} and cc ${EMAIL(v.email(r))}`,
  (r) => pii`Contact: ${EMAIL(v.email(r))}, order #${String(r.int(100000, 999999))} is late.`,
  (r) => pii`Please call me back at ${PHONE(v.formattedPhone(r))}, order #${String(r.int(10000, 99999))} is three days late.`,
  (r) => pii`You can reach me on ${PHONE(v.formattedPhone(r))} after 5 pm.`,
  (r) => pii`My new number: ${PHONE(v.formattedPhone(r))}`,
  (r) => pii`Call me at ${PHONE(v.plainPhone(r))} tomorrow morning.`,
  (r) => pii`Mobile ${PHONE(v.plainPhone(r))}, landline ${PHONE(v.formattedPhone(r))}.`,
  (r) => pii`My card ${CARD(v.creditCard(r))} was charged twice for the same order.`,
  (r) => pii`Card number: ${CARD(v.creditCard(r))}, expiry 0${String(r.int(1, 9))}/2${String(r.int(5, 9))}.`,
  (r) => pii`For verification, my SSN is ${SSN(v.ssn(r))}. Can you update my tax form?`,
  (r) => pii`SSN ${SSN(v.ssn(r))} and DOB 1987-03-14 are on file.`,
  (r) => pii`The dashboard at ${IP(v.ipv4(r))} returns 502 since 10:30 this morning.`,
  (r) => pii`Blocked requests from ${IP(v.ipv4(r))} and ${IP(v.ipv4(r))} after ${String(r.int(100, 900))} failures.`,
  (r) => pii`Our server ${IP(v.ipv6(r))} drops IPv6 traffic.`,
  (r) => pii`Please send the refund of €${String(r.int(10, 400))}.00 to my IBAN ${IBAN(v.iban(r))}.`,
  (r) => pii`Bank details: ${IBAN(v.iban(r))} (Max Mustermann).`,
  (r) => pii`Our integration uses the key ${SECRET(v.secret(r))} and gets 401 since yesterday.`,
  (r) => pii`export OPENAI_API_KEY=${SECRET(`sk-proj-${v.chars(r, 40)}`)}`,
  (r) => pii`curl -H "Authorization: Bearer ${SECRET(v.tokenValue(r))}" https://api.example.com/v1`,
  (r) => pii`GET /export?token=${SECRET(v.tokenValue(r))}&format=csv`,
  (r) => pii`db url postgres://app:${SECRET(`Pw${v.chars(r, 10)}9`)}@db.internal:5432/app`,
  (r) => pii`Update my contact: ${EMAIL(v.email(r))}, phone ${PHONE(v.formattedPhone(r))}.`,
  (r) => pii`Wire ${String(r.int(100, 5000))} EUR from ${IBAN(v.iban(r))}; questions to ${EMAIL(v.email(r))}.`,
  (r) => pii`Login from ${IP(v.ipv4(r))} used key ${SECRET(v.secret(r))} at 2024-05-0${String(r.int(1, 9))} 14:0${String(r.int(0, 9))}.`,
];

/** Personal data in forms the rules deliberately do not claim (no shape, no cue): counted, so recall stays honest. */
const HARD: Make[] = [
  (r) => pii`${PHONE(v.plainPhone(r).replace(/\s/g, ''))} is the best way to get me.`,
  (r) => pii`Ring ${PHONE(`${r.int(201, 989)} ${r.int(200, 999)} ${r.digits(4)}`)} if the courier is late.`,
  (r) => pii`my email is ${EMAIL(`${v.email(r).split('@')[0]} at ${['gmail', 'outlook'][r.int(0, 1)]} dot com`)}`,
  (r) =>
    pii`card ${CARD(
      v
        .creditCard(r)
        .replace(/[ -]/g, '')
        .replace(/(\d{4})/g, '$1.')
        .replace(/\.$/, ''),
    )} please`,
  (r) => pii`social ${SSN(v.ssn(r).replace(/-/g, ' '))}`,
];

/** Number-heavy sentences with no personal data, generated in volume on top of the hand-written corpus. */
const NEGATIVE: ((r: Rng) => string)[] = [
  (r) => `What is ${r.int(0, 99999)}+${r.int(0, 99999)}?`,
  (r) => {
    const a = r.int(1000000, 9999999),
      b = r.int(1000000, 9999999);
    return `${a}+${b}=${a + b}`;
  },
  (r) => {
    const a = r.int(100, 999),
      b = r.int(100, 999);
    return `<call:calculator>${a}*${b}</call><result>${a * b}</result><answer>${a * b}</answer>`;
  },
  (r) => `Compute ${r.int(100, 999)}-${r.int(100, 999)}-${r.int(1000, 9999)}.`,
  (r) => `The answer is ${r.int(1000000, 99999999)}.`,
  (r) =>
    `I ordered ${r.int(2, 9)} items on 2024-0${r.int(1, 9)}-1${r.int(0, 9)}, order ${r.int(100000000, 999999999)}, total $${r.int(20, 400)}.${r.int(10, 99)}.`,
  (r) => `Your order #${r.int(1000000000, 9999999999)} has shipped.`,
  (r) => `Order number ${r.int(200, 999)}-${r.int(200, 999)}-${r.int(1000, 9999)} was cancelled.`,
  (r) =>
    `The app crashes on version ${r.int(1, 4)}.${r.int(0, 12)}.${r.int(0, 30)}.${r.int(0, 999)} when I upload a ${r.int(5, 50)} MB file.`,
  (r) => `Windows ${r.int(10, 11)}.0.${r.int(10000, 22999)}.${r.int(100, 4000)} is installed.`,
  (r) => `My package weighs ${r.int(1, 30)}.${r.int(0, 9)} kg and measures ${r.int(10, 90)}x${r.int(10, 60)}x${r.int(5, 40)} cm.`,
  (r) =>
    `Meeting at ${r.int(8, 17)}:${r.pick(['00', '15', '30', '45'])} on ${String(r.int(1, 28)).padStart(2, '0')}/${String(r.int(1, 12)).padStart(2, '0')}/2024, room ${r.int(100, 450)}.`,
  (r) => `Invoice INV-${r.int(1000, 9999)} says ${r.int(3, 12)} seats at $${r.int(10, 50)} but we have ${r.int(2, 11)}.`,
  (r) => `Revenue grew ${r.int(1, 99)}.${r.int(0, 9)}% to $${r.int(1, 999)},${r.int(100, 999)},${r.int(100, 999)} in ${r.int(1990, 2024)}.`,
  (r) => `Reference ${v.badCard(r)} is printed on the receipt.`,
  (r) => `The transfer code ${v.badIban(r)} was rejected.`,
  (r) => `Version ${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)} fixed the crash.`,
  (r) => `Address ${r.int(256, 999)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(0, 255)} is not valid.`,
  (r) => `Timestamp ${r.int(1600000000, 1799999999)}${r.digits(3)} ms, latency ${r.int(1, 999)} ms.`,
  (r) => `Tracking ${r.int(100000000000, 999999999999)} arrives in ${r.int(1, 9)} days.`,
  (r) => `Between ${r.int(1990, 2010)}-${r.int(2011, 2024)} prices rose ${r.int(10, 90)}%.`,
  (r) => `Set max_tokens=${r.int(16, 4096)} and temperature=0.${r.int(0, 9)}.`,
];

const N_POSITIVE = 360;
const N_HARD = 40;
const N_NEGATIVE = 220;

export function piiGold(seed = 7): GoldPii[] {
  const r = seededRng(seed);
  const out: GoldPii[] = [];
  for (let i = 0; i < N_POSITIVE; i++) out.push({ ...POSITIVE[i % POSITIVE.length]!(r), kind: 'positive' });
  for (let i = 0; i < N_HARD; i++) out.push({ ...HARD[i % HARD.length]!(r), kind: 'hard' });
  for (const text of NUMBER_HEAVY_LINES) out.push({ text, entities: [], kind: 'negative' });
  for (let i = 0; i < N_NEGATIVE; i++) out.push({ text: NEGATIVE[i % NEGATIVE.length]!(r), entities: [], kind: 'negative' });
  return out;
}
