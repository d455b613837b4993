// Seeded short chat turns for the cleaning benchmark: support questions, arithmetic with tool calls, number-heavy
// messages, personal data in about one turn in ten, re-logged and reworded copies, and a little junk.
import { seededRng, type Rng } from '@/common/rng';
import * as v from '@/server/data/cleaning/gold/values';
import { transcript } from '@/common/agent-protocol';

export type Turn = { id: string; prompt: string; response: string };

const ACTIONS = [
  'change',
  'reset',
  'export',
  'delete',
  'rename',
  'share',
  'archive',
  'restore',
  'download',
  'update',
  'move',
  'copy',
  'lock',
  'merge',
];
const THINGS = [
  'password',
  'invoice',
  'project',
  'report',
  'dashboard',
  'workspace',
  'API key',
  'billing address',
  'profile photo',
  'team',
  'folder',
  'webhook',
  'calendar',
  'contract',
  'ticket',
  'subscription',
];
const PLACES = ['Settings', 'Billing', 'Profile', 'Admin', 'Reports', 'Integrations', 'Security', 'Team'];
const OPENERS = ['How do I', 'How can I', 'Can I', 'Is it possible to', 'Where do I', 'Help me'];
const CLOSERS = ['', '', ' Thanks!', ' Please help.', ' It is urgent.', ' I tried twice already.'];

const support = (r: Rng): [string, string] => {
  const a = r.pick(ACTIONS),
    t = r.pick(THINGS),
    p = r.pick(PLACES);
  return [
    `${r.pick(OPENERS)} ${a} my ${t}?${r.pick(CLOSERS)}`,
    `Open ${p} → ${t[0]!.toUpperCase()}${t.slice(1)}, then click ${a[0]!.toUpperCase()}${a.slice(1)}. It takes ${r.int(1, 5)} minutes.`,
  ];
};

const arithmetic = (r: Rng): [string, string] => {
  const a = r.int(0, 999),
    b = r.int(0, 999);
  const [sym, value, say] = r.pick([
    ['+', a + b, `What is ${a}+${b}?`],
    ['-', a - b, `Compute ${a} - ${b}.`],
    ['*', a * b, `What's ${a} times ${b}?`],
  ] as const);
  return [say, transcript([{ call: { tool: 'calculator', args: `${a}${sym}${b}` }, result: String(value) }, { answer: String(value) }])];
};

const numbers = (r: Rng): [string, string] =>
  r.pick([
    () => [
      `Order #${r.int(100000000, 999999999)} from 2024-0${r.int(1, 9)}-1${r.int(0, 9)} is late.`,
      `It ships on 2024-0${r.int(1, 9)}-2${r.int(0, 8)}, tracking ${r.int(100000000, 999999999)}.`,
    ],
    () => [
      `The app ${r.int(1, 4)}.${r.int(0, 12)}.${r.int(0, 30)} crashes on a ${r.int(5, 90)} MB file.`,
      `Fixed in ${r.int(4, 6)}.0.${r.int(1, 9)}; please update.`,
    ],
    () => [
      `My parcel weighs ${r.int(1, 30)}.${r.int(0, 9)} kg, is that ${r.int(5, 40)}% over?`,
      `The limit is ${r.int(20, 31)} kg, so you are fine; cost $${r.int(8, 40)}.99.`,
    ],
  ] as (() => [string, string])[])();

const withPii = (r: Rng): [string, string] =>
  r.pick([
    () => {
      const e = v.email(r);
      return [`I can't log in, my email is ${e}.`, `I sent a reset link to ${e}.`];
    },
    () => [`Call me back at ${v.formattedPhone(r)} please.`, 'Sure, we will call you today.'],
    () => [`My card ${v.creditCard(r)} was charged twice.`, 'I refunded the second charge.'],
    () => [`Refund to ${v.iban(r)} please.`, 'Done, within 3 business days.'],
    () => [`The key ${v.secret(r)} returns 401.`, 'That key was revoked; create a new one.'],
    () => [`Server ${v.ipv4(r)} is down since ${r.int(8, 17)}:${r.int(10, 59)}.`, 'We are looking into it.'],
  ] as (() => [string, string])[])();

const JUNK: [string, string][] = [
  ['', 'Hello?'],
  ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '?'],
  ['ok', 'k'],
  ['<div><span></span><br/></div>', '<p></p>'],
  ['help help help help help help', 'Yes?'],
  ['Ã©tÃ© â€” merci', 'Sorry?'],
];

const reword = (r: Rng, [p, q]: [string, string]): [string, string] =>
  r.pick([
    () => [p.replace('?', '??'), q],
    () => [`Hi, ${p}`, q],
    () => [p.toLowerCase().replace(/\?$/, ''), q.replace(/\.$/, '')],
    () => [p, q.replace(/→/g, '>')],
  ] as (() => [string, string])[])();

export function chatTurns(n: number, seed = 42): Turn[] {
  const r = seededRng(seed);
  const out: Turn[] = [];
  for (let i = 0; i < n; i++) {
    const x = r.next();
    let pair: [string, string];
    if (out.length > 100 && x < 0.1) {
      const o = out[r.int(0, out.length - 1)]!;
      pair = r.int(0, 1) ? [o.prompt, o.response] : [`  ${o.prompt.toUpperCase()} `, o.response];
    } else if (out.length > 100 && x < 0.2) {
      const o = out[r.int(0, out.length - 1)]!;
      pair = reword(r, [o.prompt, o.response]);
    } else if (x < 0.45) pair = support(r);
    else if (x < 0.7) pair = arithmetic(r);
    else if (x < 0.82) pair = numbers(r);
    else if (x < 0.97) pair = withPii(r);
    else pair = r.pick(JUNK);
    out.push({ id: `t${i}`, prompt: pair[0], response: pair[1] });
  }
  return out;
}
