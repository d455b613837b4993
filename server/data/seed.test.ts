// The Data demo seed: enough correct calculator transcripts to train on, and support chats that really contain what
// cleaning must find (valid card numbers and IBANs, keys, duplicates, junk).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { events, type Event } from '@/db/schema';
import type { DbHandle } from '@/db';
import { parseTurn, RESULT_CLOSE } from '@/common/agent-protocol';

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
  it('has 1,200 distinct arithmetic questions, each answered correctly through the calculator', () => {
    expect(math.length).toBe(1200);
    expect(new Set(math.map((e) => e.prompt)).size).toBe(1200);
    for (const e of math) {
      const turn = parseTurn(e.response);
      expect(turn.kind).toBe('call');
      if (turn.kind !== 'call') continue;
      expect(turn.call.tool).toBe('calculator');
      const [, a, op, b] = /^(\d+)([-+*])(\d+)$/.exec(turn.call.args)!;
      const value = op === '+' ? +a! + +b! : op === '-' ? +a! - +b! : +a! * +b!;
      expect(e.response.endsWith(`<result>${value}${RESULT_CLOSE}<answer>${value}</answer>`)).toBe(true);
      expect(e.prompt).toMatch(new RegExp(`\\b${a}\\b.*\\b${b}\\b|\\b${b}\\b.*\\b${a}\\b`));
    }
    // Several phrasings of each operation.
    for (const phrase of [
      /^What is \d+\+\d+\?$/,
      /^Compute \d+ \+ \d+\.$/,
      /^\d+\+\d+=\?$/,
      /^What's \d+ times \d+\?$/,
      /^What is \d+-\d+\?$/,
    ]) {
      expect(math.some((e) => phrase.test(e.prompt))).toBe(true);
    }
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
