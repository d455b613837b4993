// File uploads on a real (embedded) database: bad lines in the middle are reported by number while good lines land,
// in JSONL, CSV and the OpenAI chat format; the size limit stops a file with a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { SANDBOX_PROJECT_ID } from '@/server/main/demo-seed';
import { events, ingestBatches } from '@/db/schema';
import type { DbHandle } from '@/db';
import { ingestUpload, type UploadOptions } from './upload';
import { DomainError } from '@/server/domain-error';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

/** Delivers the text in small uneven chunks, as a network stream would, so lines straddle chunk boundaries. */
async function* chunked(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

const opts = (o: Partial<UploadOptions> = {}): UploadOptions => ({
  projectId: SANDBOX_PROJECT_ID,
  fileName: 'file.jsonl',
  format: 'jsonl',
  maxBytes: 1024 * 1024,
  kind: 'upload',
  createdBy: null,
  ...o,
});

const stored = (batchId: string) => h.db.select().from(events).where(eq(events.batchId, batchId)).orderBy(events.prompt);

describe('uploads', () => {
  it('JSONL: good lines land, bad lines are reported with their line numbers', async () => {
    const lines = [
      JSON.stringify({ agent_id: 'a', prompt: 'What is 1+1?', response: '2' }),
      '{"agent_id": "a", "prompt": "broken',
      '',
      JSON.stringify({ agent_id: 'a', prompt: 'What is 2+2?', response: '4', id: 'u-1' }),
      JSON.stringify({ agent_id: 'a', prompt: 'no response' }),
      '[1, 2]',
      JSON.stringify({ agent_id: 'a', prompt: 'What is 3+3?', response: '6' }),
    ];
    const r = await ingestUpload(h.db, chunked(`\ufeff${lines.join('\r\n')}\n`), opts());
    expect(r).toMatchObject({ lines: 7, stored: 3, duplicates: 0, rejected: 3, error: null });
    expect(r.rejections.map((x) => x.line)).toEqual([2, 5, 6]);
    expect(r.rejections[0]!.reason).toMatch(/^not valid JSON/);
    expect(r.rejections[1]!.reason).toBe('missing "response"');
    const rows = await stored(r.id);
    expect(rows.map((e) => e.prompt)).toEqual(['What is 1+1?', 'What is 2+2?', 'What is 3+3?']);
    expect(rows.every((e) => e.source === 'upload')).toBe(true);
    const [batch] = await h.db.select().from(ingestBatches).where(eq(ingestBatches.id, r.id));
    expect(batch).toMatchObject({ stored: 3, rejected: 3, fileName: 'file.jsonl' });

    // Uploading the same file again: lines with an id are duplicates, the others are new rows (nothing to match them by).
    const again = await ingestUpload(h.db, chunked(lines.join('\n')), opts());
    expect(again).toMatchObject({ stored: 2, duplicates: 1, rejected: 3 });
  });

  it('CSV: a header, quoted multi-line cells, extra columns into metadata, bad rows by line', async () => {
    const csv = [
      'agent_id,prompt,response,id,channel',
      'support-bot,"Hello,\nmy order is late",Sorry to hear that.,c-1,web',
      'support-bot,only two cells',
      'support-bot,"She said ""hi""",Hi!,,email',
      'support-bot,a,b,c,d,e',
      'support-bot,Thanks,You are welcome,c-4,',
      ',no agent,reply,c-5,web',
    ].join('\n');
    const r = await ingestUpload(h.db, chunked(csv, 5), opts({ fileName: 'chats.csv', format: 'csv' }));
    expect(r).toMatchObject({ stored: 3, rejected: 3 });
    // The quoted cell spans lines 2–3, so the rows after it sit one line lower than their record number.
    expect(r.rejections.map((x) => x.line)).toEqual([4, 6, 8]);
    expect(r.rejections[0]!.reason).toMatch(/wrong number of cells/);
    expect(r.rejections[2]!.reason).toBe('missing "agent_id"');
    const rows = await stored(r.id);
    expect(rows.map((e) => [e.prompt, e.clientId, e.metadata])).toEqual([
      ['Hello,\nmy order is late', 'c-1', { channel: 'web' }],
      ['She said "hi"', null, { channel: 'email' }],
      ['Thanks', 'c-4', {}],
    ]);
  });

  it('CSV: a header without the needed columns is refused as a whole', async () => {
    await expect(ingestUpload(h.db, chunked('agent,question,answer\na,b,c\n'), opts({ format: 'csv' }))).rejects.toMatchObject({
      name: 'DomainError',
      code: 'bad_request',
      message: expect.stringMatching(/^Line 1: the CSV header/),
    });
    // With a default agent the agent_id column may be absent.
    const r = await ingestUpload(h.db, chunked('prompt,response\nhi,hello\n'), opts({ format: 'csv', defaultAgentId: 'support-bot' }));
    expect(r).toMatchObject({ stored: 1, rejected: 0 });
  });

  it('OpenAI chat JSONL: last user message → prompt, assistant reply → response, earlier turns kept', async () => {
    const chat = (messages: unknown, extra = {}) => JSON.stringify({ messages, ...extra });
    const text = [
      chat([
        { role: 'system', content: 'You are a calculator agent.' },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '<answer>4</answer>' },
        { role: 'user', content: [{ type: 'text', text: 'And 3+3?' }] },
        { role: 'assistant', content: '<answer>6</answer>' },
      ]),
      chat([{ role: 'user', content: 'unanswered' }]),
      chat(
        [
          { role: 'user', content: 'What is 5+5?' },
          { role: 'assistant', content: '<answer>10</answer>' },
        ],
        { agent_id: 'other-agent' },
      ),
      chat('not an array'),
    ].join('\n');
    const r = await ingestUpload(h.db, chunked(text), opts({ defaultAgentId: 'math-agent' }));
    expect(r).toMatchObject({ stored: 2, rejected: 2 });
    expect(r.rejections).toEqual([
      { line: 2, reason: 'no "assistant" reply after the last "user" message' },
      { line: 4, reason: '"messages" must be a non-empty array' },
    ]);
    const rows = await stored(r.id);
    expect(rows.map((e) => [e.agentId, e.prompt, e.response])).toEqual([
      ['math-agent', 'And 3+3?', '<answer>6</answer>'],
      ['other-agent', 'What is 5+5?', '<answer>10</answer>'],
    ]);
    expect(rows[0]!.metadata).toEqual({
      format: 'openai_chat',
      history: [
        { role: 'system', content: 'You are a calculator agent.' },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '<answer>4</answer>' },
      ],
    });
  });

  it('refuses a file whose announced size is over the limit before reading it', async () => {
    const refused = ingestUpload(h.db, chunked('x'), opts({ declaredBytes: 2048, maxBytes: 1024 }));
    await expect(refused).rejects.toThrow(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'too_large' });
    await expect(refused).rejects.toThrow(/larger than the 1 KiB upload limit \(MAX_UPLOAD_BYTES\)/);
  });

  it('stops a stream that grows past the limit, keeping the complete lines before it and saying where', async () => {
    const line = (i: number) => JSON.stringify({ agent_id: 'a', prompt: `limit ${i}`, response: 'r' });
    const text = Array.from({ length: 40 }, (_, i) => line(i)).join('\n');
    const r = await ingestUpload(h.db, chunked(text, 64), opts({ maxBytes: 1024 }));
    expect(r.error).toMatch(/upload limit.*Stopped after line \d+/);
    expect(r.stored).toBeGreaterThan(5);
    expect(r.stored).toBeLessThan(40);
    expect(r.error).toContain(`line ${r.stored}:`);
  });

  it('reports an over-long line without buffering it', async () => {
    const { jsonlRecords } = await import('./records');
    const { MAX_LINE_BYTES } = await import('./lines');
    async function* big() {
      yield new TextEncoder().encode('{"agent_id":"a","prompt":"');
      const filler = new Uint8Array(1024 * 1024).fill(120);
      for (let i = 0; i <= MAX_LINE_BYTES / filler.length; i++) yield filler;
      yield new TextEncoder().encode('","response":"r"}\n{"agent_id":"a","prompt":"p","response":"r"}\n');
    }
    const recs = [];
    for await (const rec of jsonlRecords(big())) recs.push(rec);
    expect(recs).toEqual([
      { line: 1, error: 'the line is longer than 8 MiB' },
      { line: 2, value: { agent_id: 'a', prompt: 'p', response: 'r' } },
    ]);
  });
});
