// Demo support chats (agent `support-bot`): personal data of every kind cleaning redacts, number-heavy text it must
// leave alone, exact and near duplicates, and junk (empty, repeated characters, markup soup, mojibake).
import { apiKey, creditCard, email, iban, ipAddress, phone, ssn } from './pii';
import type { DemoInteraction } from './math';
import type { Rng } from '@/common/rng';

type Template = (r: Rng) => [string, string];

const order = (r: Rng) => `${r.int(10000, 99999)}`;

const WITH_PII: Template[] = [
  (r) => {
    const e = email(r);
    return [`Hi, I can't log in. My account email is ${e}.`, `Thanks! I've sent a password reset link to ${e}.`];
  },
  (r) => {
    const p = phone(r);
    const o = order(r);
    return [`Please call me back at ${p}, order #${o} is three days late.`, `Sorry about order #${o}. We'll call you at ${p} today.`];
  },
  (r) => {
    const c = creditCard(r);
    return [`My card ${c} was charged twice for the same order.`, `I've refunded the duplicate charge; it shows in 5-7 business days.`];
  },
  (r) => [
    `For verification, my SSN is ${ssn(r)}. Can you update my tax form?`,
    'Please never share your SSN in chat; I removed it from our notes. Tax forms are under Settings → Documents.',
  ],
  (r) => {
    const ip = ipAddress(r);
    return [
      `The dashboard at ${ip} returns 502 since 10:30 this morning.`,
      `Our logs show ${ip} hitting the old endpoint; switch to api.v2 and it will work.`,
    ];
  },
  (r) => {
    const i = iban(r);
    return [`Please send the refund of €${r.int(10, 400)}.00 to my IBAN ${i}.`, `Done: the refund goes to ${i} within 3 business days.`];
  },
  (r) => [
    `Our integration uses the key ${apiKey(r)} and gets 401 since yesterday.`,
    'That key was revoked on rotation. Create a new one under Settings → API keys, and never paste keys in chat.',
  ],
  (r) => {
    const e = email(r);
    const p = phone(r);
    return [`Update my contact: ${e}, phone ${p}.`, `Updated. We'll reach you at ${e} or ${p}.`];
  },
];

/** Numbers that are not personal data: redacting any of them would damage the example. */
const NUMBER_HEAVY: Template[] = [
  (r) => [
    `I ordered ${r.int(2, 9)} items on 2024-0${r.int(1, 9)}-1${r.int(0, 9)}, order ${order(r)}, total $${r.int(20, 400)}.${r.int(10, 99)}.`,
    `Order received. It ships within ${r.int(1, 3)} days.`,
  ],
  (r) => [
    `The app crashes on version ${r.int(1, 4)}.${r.int(0, 12)}.${r.int(0, 30)} when I upload a ${r.int(5, 50)} MB file.`,
    `Fixed in ${r.int(4, 5)}.0.1; please update.`,
  ],
  (r) => [
    `My package weighs ${r.int(1, 30)}.${r.int(0, 9)} kg and measures ${r.int(10, 90)}x${r.int(10, 60)}x${r.int(5, 40)} cm. Which rate applies?`,
    `That's the standard rate: $${r.int(8, 40)}.99.`,
  ],
  (r) => [
    `Meeting at ${r.int(8, 17)}:${r.pick(['00', '15', '30', '45'])} on March ${r.int(1, 28)}, room ${r.int(100, 450)}?`,
    'Booked, see you then.',
  ],
  (r) => [
    `Invoice INV-${r.int(1000, 9999)} says ${r.int(3, 12)} seats at $${r.int(10, 50)} but we have ${r.int(2, 11)}.`,
    'Corrected; a new invoice is on its way.',
  ],
];

const JUNK: [string, string][] = [
  ['', ''],
  ['   ', 'Hello?'],
  ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Can I help you with something?'],
  ['help help help help help help help help help help', 'I am here. What do you need help with?'],
  ['!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!', '?'],
  ['<div><div><span></span><br/><br/><div class="x"><p></p></div></div></div>', '<p></p>'],
  ['<html><body><table><tr><td><td><td></tr></table></body></html>', 'Sorry, I could not read that.'],
  ['Ã©tÃ© Ã  la plage â€” trÃ¨s bien, merci Ã§a va', 'Thanks for the feedback!'],
  ['Ð¿Ñ€Ð¸Ð²ÐµÑ‚, Ð¼Ð½Ðµ Ð½ÑƒÐ¶Ð½Ð° Ð¿Ð¾Ð¼Ð¾Ñ‰ÑŒ', 'Could you write that again?'],
  ['\u0007\u0008\u001b[31mERROR\u001b[0m\u0007', 'It looks like a terminal error got pasted.'],
  ['ok', 'k'],
  ['asdf', 'Sorry, what do you mean?'],
];

const BENIGN: [string, string][] = [
  ['How do I change my password?', 'Go to Settings → Security → Change password.'],
  ['Can I export my data as CSV?', 'Yes: Reports → Export → CSV.'],
  ['Do you offer a discount for non-profits?', 'Yes, 30% off; apply from the Billing page.'],
  ['Where can I find my invoices?', 'Billing → Invoices lists every invoice as a PDF.'],
  ['How do I cancel my subscription?', 'Billing → Plan → Cancel. You keep access until the period ends.'],
  ['Is there an API rate limit?', 'Yes: 600 requests per minute per key.'],
];

/** Near duplicates: the same request, reworded a little (case, punctuation, a word changed). */
const nearVariants = (p: string, r: string): [string, string][] => [
  [p.replace('?', '??'), r],
  [p.toLowerCase(), r],
  [p.replace('How do I', 'How can I'), r],
];

export function supportInteractions(rng: Rng): DemoInteraction[] {
  const out: DemoInteraction[] = [];
  const push = ([prompt, response]: [string, string], kind: string) =>
    out.push({ prompt, response, metadata: { channel: rng.pick(['chat', 'email', 'widget']), kind } });
  for (let i = 0; i < 72; i++) push(WITH_PII[i % WITH_PII.length]!(rng), 'support');
  for (let i = 0; i < 30; i++) push(NUMBER_HEAVY[i % NUMBER_HEAVY.length]!(rng), 'support');
  for (const b of BENIGN) push(b, 'support');
  // Exact duplicates (a chat logged twice by a retrying client) and whitespace/case variants of them.
  for (const b of BENIGN.slice(0, 4)) push(b, 'support');
  for (const [p, r] of BENIGN.slice(0, 3)) push([`  ${p.toUpperCase()}  `, r], 'support');
  for (const [p, r] of BENIGN.slice(0, 5)) for (const v of nearVariants(p, r)) push(v, 'support');
  const piiRepeat = out.slice(0, 6).map((e) => [e.prompt, e.response] as [string, string]);
  for (const d of piiRepeat) push(d, 'support');
  for (const j of JUNK) push(j, 'support');
  push(['x'.repeat(3000), 'That message was cut off; could you resend it?'], 'support');
  return out;
}
