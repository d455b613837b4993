// The cleaning CLI on temp files, through the real entry point in a child process: `data redact` and `data clean`,
// with malformed lines in the middle reported by line number while the good lines go through.
import { TSX, tsxArgs } from '@/server/testing/tsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const tsx = TSX;
let dir: string;
const file = (name: string) => path.join(dir, name);
const jsonl = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const readJsonl = async (name: string) =>
  (await readFile(file(name), 'utf8'))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'af-clean-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run factory -- data redact', () => {
  it('redacts the text of each line, lists entities in the original, reports bad lines on stderr', async () => {
    await writeFile(
      file('in.jsonl'),
      jsonl([
        { id: 1, text: 'Mail maria.garcia@gmail.com or call (555) 123-4567.' },
        'this is { not json',
        { id: 3, text: 'What is 42+28? Order #123456789 ships 2024-05-01.' },
        { id: 4, note: 'no text here' },
        { id: 5, text: 'IBAN DE89 3704 0044 0532 0130 00, key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z' },
      ]),
    );
    const { stderr } = await run(tsx, [
      ...tsxArgs('server/cli/main.ts'),
      'data',
      'redact',
      '--in',
      file('in.jsonl'),
      '--out',
      file('out.jsonl'),
    ]);
    expect(stderr).toMatch(/line 2: not JSON/);
    expect(stderr).toMatch(/line 4: "text" is missing/);
    const out = await readJsonl('out.jsonl');
    expect(out).toEqual([
      {
        id: 1,
        text: 'Mail [EMAIL] or call [PHONE].',
        entities: [
          { type: 'EMAIL', start: 5, end: 27 },
          { type: 'PHONE', start: 36, end: 50 },
        ],
      },
      { id: 3, text: 'What is 42+28? Order #123456789 ships 2024-05-01.', entities: [] },
      {
        id: 5,
        text: 'IBAN [IBAN], key [SECRET]',
        entities: [
          { type: 'IBAN', start: 5, end: 32 },
          { type: 'SECRET', start: 38, end: 78 },
        ],
      },
    ]);
  }, 60_000);
});

describe('npm run factory -- data clean', () => {
  it('writes kept events redacted with their ids, and a report of every dropped and malformed line', async () => {
    await writeFile(
      file('events.jsonl'),
      jsonl([
        {
          id: 'a',
          agent_id: 'bot',
          prompt: 'What is 12+5?',
          response: '<call:calculator>12+5</call><result>17</result><answer>17</answer>',
        },
        {
          id: 'b',
          agent_id: 'bot',
          prompt: 'What is 12+6?',
          response: '<call:calculator>12+6</call><result>18</result><answer>18</answer>',
        },
        {
          agent_id: 'bot',
          prompt: 'My email is li.chen@mail.de, reset my password please.',
          response: 'Done, check your inbox.',
          metadata: { channel: 'chat' },
        },
        '{"id": "broken", "prompt": ',
        {
          id: 'c',
          agent_id: 'bot',
          prompt: 'My email is ana.silva@proton.me, reset my password please.',
          response: 'Done, check your inbox.',
        },
        { id: 'd', agent_id: 'bot', prompt: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', response: 'Can I help?' },
        {
          id: 'e',
          agent_id: 'bot',
          prompt: 'what is 12 + 5 ?',
          response: '<call:calculator>12+5</call><result>17</result><answer>17</answer>',
        },
        { id: 'f', agent_id: 'bot', prompt: 'No response field' },
      ]),
    );
    const { stderr } = await run(tsx, [
      ...tsxArgs('server/cli/main.ts'),
      'data',
      'clean',
      '--in',
      file('events.jsonl'),
      '--out',
      file('kept.jsonl'),
      '--report',
      file('report.json'),
    ]);
    expect(stderr).toMatch(/6 events: 3 kept/);
    const kept = await readJsonl('kept.jsonl');
    expect(kept.map((e) => e.id ?? null)).toEqual(['a', 'b', null]);
    expect(kept[2]).toEqual({
      agent_id: 'bot',
      prompt: 'My email is [EMAIL], reset my password please.',
      response: 'Done, check your inbox.',
      metadata: { channel: 'chat' },
    });
    const report = JSON.parse(await readFile(file('report.json'), 'utf8'));
    expect(report).toMatchObject({
      lines: 8,
      events: 6,
      kept: 3,
      filtered: 3,
      counts: { kept: 3, exact_duplicate: 1, repeated_chars: 1, near_duplicate: 1 },
      entities: { EMAIL: 2 },
    });
    expect(report.dropped).toEqual([
      { line: 5, id: 'c', reason: 'exact_duplicate', detail: expect.any(String), duplicateOf: { line: 3, id: null } },
      { line: 6, id: 'd', reason: 'repeated_chars', detail: 'a run of 36 identical characters', duplicateOf: null },
      { line: 7, id: 'e', reason: 'near_duplicate', detail: expect.stringMatching(/similar/), duplicateOf: { line: 1, id: 'a' } },
    ]);
    expect(report.malformed).toEqual([
      { line: 4, error: expect.stringMatching(/^not JSON/) },
      { line: 8, error: '"response" is missing or not a string' },
    ]);
  }, 60_000);

  it('says what is wrong with its arguments', async () => {
    const missing = await run(tsx, [
      ...tsxArgs('server/cli/main.ts'),
      'data',
      'clean',
      '--in',
      file('nope.jsonl'),
      '--out',
      file('x'),
      '--report',
      file('y'),
    ]).catch((e) => e);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/No such file: .*nope\.jsonl/)]);
    const bad = await run(tsx, [
      ...tsxArgs('server/cli/main.ts'),
      'data',
      'clean',
      '--in',
      file('events.jsonl'),
      '--out',
      file('x'),
      '--report',
      file('y'),
      '--near-threshold',
      '3',
    ]).catch((e) => e);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--near-threshold/)]);
  }, 60_000);
});
