// The labelled duplicates-and-junk gold set: a stream of interactions where every copy (exact, re-spaced, reworded,
// differing only in personal data) names its group, every junk item its reason, and look-alikes that are NOT copies
// (arithmetic with other numbers, similar but different requests, short real turns) are labelled kept.
import { seededRng, type Rng } from '@/common/rng';
import { transcript } from '@/common/agent-protocol';
import type { FilterReason } from '../pipeline';
import * as v from './values';

export type GoldEvent = {
  id: string;
  prompt: string;
  response: string;
  /** What cleaning should decide. */
  expect: 'kept' | FilterReason;
  /** Interactions in the same group are copies of one another; the group's first one is the original. */
  group: string | null;
};

const SUPPORT: [string, string][] = [
  ['How do I change my password?', 'Go to Settings → Security → Change password.'],
  ['Can I export my data as CSV?', 'Yes: Reports → Export → CSV.'],
  ['Do you offer a discount for non-profits?', 'Yes, 30% off; apply from the Billing page.'],
  ['Where can I find my invoices?', 'Billing → Invoices lists every invoice as a PDF.'],
  ['How do I cancel my subscription?', 'Billing → Plan → Cancel. You keep access until the period ends.'],
  ['Is there an API rate limit?', 'Yes: 600 requests per minute per key.'],
  ['How do I add a teammate to my workspace?', 'Open Members, click Invite and enter their email address.'],
  ['Why was my card declined?', 'Usually the bank blocked an online payment; please check with them and retry.'],
  ['Can I change the language of the app?', 'Yes, under Profile → Preferences → Language.'],
  ['How long do you keep deleted files?', 'Deleted files stay in the trash for 30 days before they are removed.'],
  ['Does the mobile app work offline?', 'Partly: documents you opened recently are available offline.'],
  ['How do I turn on two-factor authentication?', 'Settings → Security → Two-factor, then scan the QR code with your authenticator app.'],
  ['My upload is stuck at 99 percent, what should I do?', 'Refresh the page; if it persists, try a smaller file or another browser.'],
  ['Can I get a refund for last month?', 'Refunds are possible within 14 days of a charge; I have opened a request for you.'],
  ['Where is your data center located?', 'Our servers are in Frankfurt and Dublin.'],
  ['How do I rename a project?', 'Open the project, click its name at the top and type the new one.'],
  ['Is my data encrypted at rest?', 'Yes, with AES-256, and in transit with TLS 1.3.'],
  ['Can two people edit the same document at once?', 'Yes, edits appear live for everyone who has the document open.'],
  ['How do I delete my account?', 'Profile → Account → Delete account; this cannot be undone.'],
  ['What payment methods do you accept?', 'Cards, SEPA direct debit and bank transfer for annual plans.'],
  ['Why do I not receive your emails?', 'Check the spam folder and add our domain to your safe senders.'],
  ['Can I schedule a report to be sent weekly?', 'Yes: Reports → Schedule → Weekly, then choose the recipients.'],
  ['How do I restore an older version of a file?', 'Open the file, then History, and pick the version to restore.'],
  ['Do you have a status page?', 'Yes, status.example.com shows incidents and uptime.'],
  ['Is there a limit on file size?', 'Files up to 5 GB can be uploaded on every plan.'],
  ['How can I contact sales?', 'Use the Contact sales form and we answer within one business day.'],
  ['How do I connect the Slack integration?', 'Integrations → Slack → Connect, then pick a channel.'],
  ['Can I move a folder to another workspace?', 'Not directly; export it and import it in the other workspace.'],
  ['What happens when my trial ends?', 'Your workspace becomes read-only until you choose a plan.'],
  ['How do I print a receipt?', 'Billing → Invoices → open the invoice → Print.'],
];

/** Rewordings that keep the meaning: the copies cleaning should call near-duplicates. */
const REWORD: ((p: string, r: string, rng: Rng) => [string, string])[] = [
  (p, r) => [p.replace('?', '??'), r],
  (p, r) => [
    p
      .replace(/^How do I/, 'How can I')
      .replace(/^Can I/, 'Could I')
      .replace(/^Is there/, 'Is there any'),
    r,
  ],
  (p, r) => [`${p} Thanks!`, r],
  (p, r) => [p.replace(/\?$/, ''), r.replace(/\.$/, '')],
  (p, r) => [p, r.replace(/→/g, '>')],
  (p, r, rng) => {
    // One typo: two neighbouring letters swapped somewhere in the middle.
    const at = rng.int(3, p.length - 4);
    return [p.slice(0, at) + p[at + 1] + p[at] + p.slice(at + 2), r];
  },
  (p, r) => [`Hi, ${p[0]!.toLowerCase()}${p.slice(1)}`, r],
  // Harder: more words around the same request, or a friendlier answer. Some fall below the threshold on purpose.
  (p, r) => [`Quick question: ${p[0]!.toLowerCase()}${p.slice(1)} I could not find it in the docs.`, r],
  (p, r) => [p, r.replace(/\.?$/, '. Let me know if that helps!')],
];

const normal = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The `k`-th rewording, or the next one that changes this text at all (a rewording that changes nothing is an exact copy). */
function reworded(p: string, r: string, rng: Rng, k: number): [string, string] {
  for (let j = 0; j < REWORD.length; j++) {
    const out = REWORD[(k + j) % REWORD.length]!(p, r, rng);
    if (normal(out[0]) !== normal(p) || normal(out[1]) !== normal(r)) return out;
  }
  throw new Error(`No rewording changes "${p}"`);
}

/** Copies the exact normalisation catches: case and white space only. */
const RESPACE: ((p: string, r: string) => [string, string])[] = [
  (p, r) => [`  ${p.toUpperCase()}  `, r],
  (p, r) => [p.toLowerCase(), r.replace(/ /g, '  ')],
  (p, r) => [p, `${r}\n`],
];

const OPS = [
  {
    sym: '+',
    apply: (a: number, b: number) => a + b,
    say: [
      (a: number, b: number) => `What is ${a}+${b}?`,
      (a: number, b: number) => `Compute ${a} + ${b}.`,
      (a: number, b: number) => `What's ${a} plus ${b}?`,
    ],
  },
  {
    sym: '-',
    apply: (a: number, b: number) => a - b,
    say: [
      (a: number, b: number) => `What is ${a}-${b}?`,
      (a: number, b: number) => `Compute ${a} - ${b}.`,
      (a: number, b: number) => `What's ${a} minus ${b}?`,
    ],
  },
  {
    sym: '*',
    apply: (a: number, b: number) => a * b,
    say: [
      (a: number, b: number) => `What is ${a}*${b}?`,
      (a: number, b: number) => `Multiply ${a} by ${b}.`,
      (a: number, b: number) => `What's ${a} times ${b}?`,
    ],
  },
];

function arithmetic(rng: Rng, a: number, b: number, opIndex: number, phrasing: number): [string, string] {
  const op = OPS[opIndex]!;
  const value = String(op.apply(a, b));
  return [
    op.say[phrasing]!(a, b),
    transcript([{ call: { tool: 'calculator', args: `${a}${op.sym}${b}` }, result: value }, { answer: value }]),
  ];
}

const PII_CHATS: ((rng: Rng) => [string, string])[] = [
  (r) => {
    const e = v.email(r);
    return [`Hi, I can't log in. My account email is ${e}.`, `Thanks! I've sent a password reset link to ${e}.`];
  },
  (r) => [
    `My card ${v.creditCard(r)} was charged twice for the same order.`,
    'I have refunded the duplicate charge; it shows in 5-7 business days.',
  ],
  (r) => [`Please call me back at ${v.formattedPhone(r)} about my delivery.`, 'Sure, a colleague will call you today.'],
  (r) => [`Please send the refund to my IBAN ${v.iban(r)}.`, 'Done: the refund goes out within 3 business days.'],
  (r) => [
    `Our integration uses the key ${v.secret(r)} and gets 401 since yesterday.`,
    'That key was revoked on rotation; create a new one under Settings → API keys.',
  ],
];

const JUNK: [FilterReason, (r: Rng) => [string, string]][] = [
  ['empty', () => ['', 'Hello?']],
  ['empty', () => ['   ', 'Can I help?']],
  ['empty', (r) => [SUPPORT[r.int(0, SUPPORT.length - 1)]![0], '']],
  [
    'too_long',
    (r) => [
      Array.from({ length: 6000 }, () => r.pick(['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'elit', 'sed'])).join(' '),
      'That is a lot of text.',
    ],
  ],
  ['control_chars', () => ['\u0007\u0008\u001b[31mERROR\u001b[0m\u0007', 'It looks like a terminal error got pasted.']],
  ['control_chars', (r) => [`Order total\u0000\u0000 ${r.int(10, 99)} EUR`, 'Noted.']],
  ['mojibake', () => ['Ã©tÃ© Ã  la plage â€” trÃ¨s bien, merci Ã§a va', 'Thanks for the feedback!']],
  ['mojibake', () => ['Ð¿Ñ€Ð¸Ð²ÐµÑ‚, Ð¼Ð½Ðµ Ð½ÑƒÐ¶Ð½Ð° Ð¿Ð¾Ð¼Ð¾Ñ‰ÑŒ', 'Could you write that again?']],
  ['mojibake', (r) => [`I donâ€™t see invoice ${r.int(100, 999)}`, 'Let me check.']],
  ['mojibake', () => ['The export shows \uFFFD\uFFFD\uFFFD instead of names', 'The file was saved in another encoding.']],
  ['markup_soup', () => ['<div><div><span></span><br/><br/><div class="x"><p></p></div></div></div>', '<p></p>']],
  ['markup_soup', () => ['<html><body><table><tr><td><td><td></tr></table></body></html>', 'Sorry, I could not read that.']],
  ['markup_soup', () => ['Help', '<ul><li></li><li></li><li>&nbsp;</li></ul><br><br>']],
  ['repeated_chars', (r) => ['a'.repeat(r.int(25, 60)), 'Can I help you with something?']],
  ['repeated_chars', (r) => ['!'.repeat(r.int(15, 40)), '?']],
  ['repeated_chars', (r) => ['x'.repeat(r.int(40, 300)), 'That message was cut off; could you resend it?']],
  ['repeated_words', (r) => [Array.from({ length: r.int(6, 14) }, () => 'help').join(' '), 'I am here. What do you need help with?']],
  ['repeated_words', () => ['Can you summarise this?', 'the the the the the the the the the']],
  ['repeated_words', () => ['Why?', 'I am sorry. I am sorry. I am sorry. I am sorry. I am sorry. I am sorry.']],
  ['no_letters', () => ['???', '...']],
  ['no_letters', () => ['¿¡', '—']],
  ['too_short', () => ['ok', 'k']],
  ['too_short', () => ['hi', '?']],
  ['too_short', () => ['y', 'n']],
];

/** Real turns that look a little like junk: cleaning must keep them. */
const LOOKS_JUNKY_BUT_FINE: [string, string][] = [
  ['2+2', '4'],
  ['12*3=?', '36'],
  ['hi there', 'hello! how can I help?'],
  ['How do I center a <div> inside <body>?', 'Use display: flex on the parent with justify-content: center.'],
  ['Print a separator line', 'console.log("-".repeat(40)) prints ----------------------------------------'],
  ['Qu’est-ce que l’été à Paris ?', 'C’est très agréable, il fait chaud.'],
  ['Привет, мне нужна помощь', 'Конечно, чем могу помочь?'],
  ['東京の天気は？', '晴れです。'],
  ['Rate this 👍👍', 'Thanks 😊'],
  ['Is it very very very good?', 'Yes, it is good.'],
  ['Say yes or no: is 7 prime?', 'yes'],
];

/** Different requests worded almost alike as the support questions above: they are not copies and must be kept. */
const CLOSE_BUT_DIFFERENT: [string, string][] = [
  ['Can I export my data as PDF?', 'Yes: Reports → Export → PDF.'],
  ['Where can I find my receipts?', 'Billing → Receipts lists every receipt as a PDF.'],
  ['How do I change my username?', 'Go to Settings → Profile → Change username.'],
  ['Is there an API rate limit for uploads?', 'Yes: 60 uploads per minute per key.'],
  ['How do I delete my workspace?', 'Settings → Workspace → Delete workspace; this cannot be undone.'],
  ['How do I rename a folder?', 'Open the folder, click its name at the top and type the new one.'],
];

export function eventsGold(seed = 11): GoldEvent[] {
  const rng = seededRng(seed);
  const originals: GoldEvent[] = [];
  const copies: GoldEvent[] = [];
  let n = 0;
  const id = () => `gold_e${String(++n).padStart(4, '0')}`;
  const original = (group: string, [prompt, response]: [string, string]) => {
    const e: GoldEvent = { id: id(), prompt, response, expect: 'kept', group };
    originals.push(e);
    return e;
  };
  const copy = (group: string, expect: FilterReason, [prompt, response]: [string, string]) =>
    copies.push({ id: id(), prompt, response, expect, group });

  SUPPORT.forEach((pair, i) => {
    const g = `support-${i}`;
    original(g, pair);
    const [p, r] = pair;
    copy(g, 'exact_duplicate', RESPACE[i % RESPACE.length]!(p, r));
    copy(g, 'near_duplicate', reworded(p, r, rng, i));
    copy(g, 'near_duplicate', reworded(p, r, rng, i + 3));
  });

  // Arithmetic: distinct questions (kept), their re-spaced copies (caught), and neighbours one number away (kept).
  const seen = new Set<string>();
  for (let i = 0; i < 120; i++) {
    const opIndex = i % 3;
    const a = rng.int(2, opIndex === 2 ? 12 : 99);
    const b = rng.int(2, opIndex === 2 ? 12 : 99);
    const key = `${a}${opIndex}${b}`;
    if (seen.has(key) || seen.has(`${a}${opIndex}${b + 1}`)) continue;
    seen.add(key).add(`${a}${opIndex}${b + 1}`);
    const g = `math-${key}`;
    const phrasing = rng.int(0, 2);
    const [p, r] = arithmetic(rng, a, b, opIndex, phrasing);
    original(g, [p, r]);
    original(`math-${a}${opIndex}${b + 1}`, arithmetic(rng, a, b + 1, opIndex, phrasing));
    if (i % 4 === 0) copy(g, 'exact_duplicate', [p.toUpperCase(), r]);
    if (i % 4 === 1) copy(g, 'near_duplicate', [p.replace(/(\d)([+*-])(\d)/, '$1 $2 $3').replace(/([?.])$/, ' $1'), r]);
  }

  PII_CHATS.forEach((make, i) => {
    const g = `pii-${i}`;
    original(g, make(rng));
    // The same chat with other personal data in it: identical once redacted.
    copy(g, 'exact_duplicate', make(rng));
    copy(g, 'exact_duplicate', make(rng));
  });

  LOOKS_JUNKY_BUT_FINE.forEach((pair, i) => original(`fine-${i}`, pair));
  CLOSE_BUT_DIFFERENT.forEach((pair, i) => original(`close-${i}`, pair));
  const junk: GoldEvent[] = JUNK.map(([reason, make]) => ({ id: id(), ...pairOf(make(rng)), expect: reason, group: null }));

  // Interleave: every copy comes after its original, junk anywhere.
  const out: GoldEvent[] = [...originals];
  for (const c of [...copies, ...junk]) {
    const first = c.group ? out.findIndex((o) => o.group === c.group) : -1;
    out.splice(rng.int(first + 1, out.length), 0, c);
  }
  return out;
}

const pairOf = ([prompt, response]: [string, string]) => ({ prompt, response });
