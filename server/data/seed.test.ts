// The Data demo seed: enough correct calculator transcripts to train on (all four operations, operands of one to four
// digits, many wordings), and support chats that really contain what cleaning must find (valid card numbers and IBANs,
// keys, duplicates, junk).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { events, type Event } from '@/db/schema';
import type { DbHandle } from '@/db';
import { parseTurn, RESULT_CLOSE } from '@/common/agent-protocol';
import { calculate } from '@/server/tools/calculator';

let h: DbHandle;
let math: Event[];
let support: Event[];
beforeAll(async () => {
  h = await memoryDb({ seed: true });
  const of = (agentId: string) =>
    h.db
      .select()
      .from(events)
      .where(and(eq(events.projectId, DEMO_PROJECT_ID), eq(events.agentId, agentId)));
  [math, support] = await Promise.all([of('math-agent'), of('support-bot')]);
});
afterAll(() => h.close());

const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, d, i) => {
    const n = Number(d) * (i % 2 ? 2 : 1);
    return sum + (n > 9 ? n - 9 : n);
  }, 0) %
    10 ===
  0;
const ibanValid = (iban: string) => {
  const s = iban.replace(/\s/g, '');
  const numeric = (s.slice(4) + s.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(numeric) % 97n === 1n;
};

describe('demo seed', () => {
  it('has 3,600 distinct arithmetic questions, each answered correctly through the calculator', () => {
    expect(math.length).toBe(3600);
    expect(new Set(math.map((e) => e.prompt)).size).toBe(3600);
    for (const e of math) {
      const turn = parseTurn(e.response);
      expect(turn.kind).toBe('call');
      if (turn.kind !== 'call') continue;
      expect(turn.call.tool).toBe('calculator');
      const [, a, , b] = /^(-?\d+(?:\.\d+)?)([-+*/])(\d+(?:\.\d+)?)$/.exec(turn.call.args)!;
      const value = calculate(turn.call.args);
      expect(e.response.endsWith(`<result>${value}${RESULT_CLOSE}<answer>${value}</answer>`)).toBe(true);
      // The operands are in the question, as the user wrote them (perhaps with thousands separators).
      const numbers = (e.prompt.replace(/(\d),(?=\d{3})/g, '$1').match(/-?\d+(?:\.\d+)?/g) ?? []).map((n) => n.replace(/^-/, ''));
      expect(numbers).toContain(a!.replace(/^-/, ''));
      expect(numbers).toContain(b);
    }
  });

  it('asks for all four operations with operands beyond two digits, negative results and decimal quotients', () => {
    const calls = math.map((e) => (parseTurn(e.response) as { call: { args: string } }).call.args);
    const ops = calls.map((c) => /\d([-+*/])/.exec(c)![1]);
    for (const op of ['+', '-', '*', '/']) expect(ops.filter((o) => o === op).length).toBeGreaterThan(math.length * 0.15);
    const operands = calls.flatMap((c) => c.match(/\d+(?:\.\d+)?/g)!);
    expect(operands.filter((n) => /^\d{3}$/.test(n)).length).toBeGreaterThan(operands.length * 0.2);
    expect(operands.filter((n) => /^\d{4}$/.test(n)).length).toBeGreaterThan(operands.length * 0.1);
    const results = math.map((e) => /<result>(.*?)<\/result>/.exec(e.response)![1]!);
    expect(results.filter((r) => r.startsWith('-')).length).toBeGreaterThan(math.length * 0.05);
    expect(calls.filter((c, i) => c.includes('/') && results[i]!.includes('.')).length).toBeGreaterThan(150);
    expect(calls.some((c) => c.startsWith('-'))).toBe(true); // "-5 + 3"
    expect(math.some((e) => /\d,\d{3}/.test(e.prompt))).toBe(true); // "12,500"
  });

  it('words them the many ways people type: symbols and words, questions and requests, any case, with or without a mark', () => {
    const shape = (p: string) => p.toLowerCase().replace(/-?\d[\d,.]*/g, 'N');
    expect(new Set(math.map((e) => shape(e.prompt))).size).toBeGreaterThan(1000);
    for (const phrase of [
      /^what is \d+ ?[-+*/] ?\d+\?$/i, // the scenario's own form
      /^\d+ ?[-+*/] ?\d+\?$/, // "20-8?"
      /\bplus\b/i,
      /\bsubtract \d+ from\b/i,
      /\btimes\b/i,
      /\bdivided by\b/i,
      /÷/,
      /×/,
      /\d x \d/,
      /^how much is/i,
    ])
      expect(math.some((e) => phrase.test(e.prompt))).toBe(true);
    expect(math.filter((e) => e.prompt === e.prompt.toLowerCase() && /[a-z]/.test(e.prompt)).length).toBeGreaterThan(600);
    expect(math.filter((e) => !/[?.!]$/.test(e.prompt)).length).toBeGreaterThan(600);
  });

  it('has ~150 support chats with every kind of personal data, valid by its own checksum', () => {
    expect(support.length).toBeGreaterThanOrEqual(140);
    const text = support.map((e) => `${e.prompt}\n${e.response}`).join('\n');
    expect(text).toMatch(/[\w.]+@[\w-]+\.\w+/);
    expect(text).toMatch(/\(\d{3}\) \d{3}-\d{4}|\+\d{1,2} [\d -]{8,}/);
    expect(text).toMatch(/\b\d{3}-\d{2}-\d{4}\b/);
    expect(text).toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
    expect(text).toMatch(/\bsk-[A-Za-z0-9-]{20,}|\bghp_\w{36}|\bAKIA[A-Z2-7]{16}/);
    const cards = [...text.matchAll(/card (\d[\d -]{12,20}\d)/g)].map((m) => m[1]!.replace(/\D/g, ''));
    expect(cards.length).toBeGreaterThan(5);
    expect(cards.every(luhn)).toBe(true);
    const ibans = [...text.matchAll(/IBAN ([A-Z]{2}\d{2}[A-Z0-9 ]{10,32}?)\./g)].map((m) => m[1]!);
    expect(ibans.length).toBeGreaterThan(5);
    expect(ibans.every(ibanValid)).toBe(true);
  });

  it('has exact duplicates, case/space variants and junk for cleaning to find', () => {
    const seen = new Map<string, number>();
    for (const e of support) seen.set(`${e.prompt}\u0000${e.response}`, (seen.get(`${e.prompt}\u0000${e.response}`) ?? 0) + 1);
    expect([...seen.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(5);
    const prompts = support.map((e) => e.prompt);
    expect(prompts).toContain('');
    expect(prompts.some((p) => /^(.)\1{20,}$/.test(p))).toBe(true);
    expect(prompts.some((p) => /^(<[^>]+>)+$/.test(p))).toBe(true);
    expect(prompts.some((p) => /Ã©|â€/.test(p))).toBe(true);
    // Duplicates only after normalising case and white space.
    expect(prompts.some((p) => p !== p.trim() && prompts.some((q) => q !== p && q.toLowerCase() === p.trim().toLowerCase()))).toBe(true);
  });
});
