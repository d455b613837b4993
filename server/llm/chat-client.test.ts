// The chat client against a real local HTTP server: replies, retries on 429/5xx with Retry-After, fast failure otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, chatComplete, chatCompletionsUrl, ChatCompletionError, DEFAULT_RETRY } from './chat-client';
import { extractJsonObject } from './json-reply';
import { nextSealedKey, openSecret, sealSecret } from './sealed-secret';
import { startFakeChatServer, type FakeChatServer } from './testing/fake-chat-server';

let server: FakeChatServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const fast = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 };

describe('chat client', () => {
  it('sends the model, messages and key, and returns the reply text', async () => {
    server = await startFakeChatServer(() => ({ content: 'hello' }));
    const reply = await chatComplete(
      { baseUrl: `${server.baseUrl}/`, model: 'judge-1', apiKey: 'sk-test' },
      { messages: [{ role: 'user', content: 'hi' }], json: true },
    );
    expect(reply).toMatchObject({ content: 'hello', model: 'judge-1', attempts: 1, usage: { promptTokens: 10, completionTokens: 5 } });
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(server.requests[0]!.body).toMatchObject({
      model: 'judge-1',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_object' },
    });
  });

  it('retries 429 and 5xx, honouring Retry-After, then succeeds', async () => {
    server = await startFakeChatServer((_, n) =>
      n === 1
        ? { status: 429, headers: { 'retry-after': '0' }, body: '{"error":"slow down"}' }
        : n === 2
          ? { status: 503, body: 'busy' }
          : { content: 'ok' },
    );
    const retries: number[] = [];
    const reply = await chatComplete(
      { baseUrl: server.baseUrl, model: 'm' },
      { messages: [] },
      { retry: fast, onRetry: (e) => retries.push(e.status!) },
    );
    expect(reply.content).toBe('ok');
    expect(reply.attempts).toBe(3);
    expect(retries).toEqual([429, 503]);
  });

  it('does not retry a 401, and says what the endpoint answered', async () => {
    server = await startFakeChatServer(() => ({ status: 401, body: '{"error":{"message":"bad key"}}' }));
    const err = await chatComplete({ baseUrl: server.baseUrl, model: 'm' }, { messages: [] }, { retry: fast }).catch((e) => e);
    expect(err).toBeInstanceOf(ChatCompletionError);
    expect(err.message).toContain('HTTP 401');
    expect(err.message).toContain('bad key');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the last attempt on a server that keeps failing', async () => {
    server = await startFakeChatServer(() => ({ status: 500, body: 'boom' }));
    const err = await chatComplete({ baseUrl: server.baseUrl, model: 'm' }, { messages: [] }, { retry: { ...fast, maxAttempts: 3 } }).catch(
      (e) => e,
    );
    expect(err.message).toMatch(/HTTP 500.*gave up after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  it('treats an unreachable endpoint as retryable and reports it plainly', async () => {
    const err = await chatComplete(
      { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' },
      { messages: [] },
      { retry: { ...fast, maxAttempts: 2 } },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ChatCompletionError);
    expect(err.message).toMatch(/could not be reached.*gave up after 2 attempts/);
  });

  it('builds the endpoint URL from a base URL or a full one, and backs off exponentially within bounds', () => {
    expect(chatCompletionsUrl('http://h/v1/')).toBe('http://h/v1/chat/completions');
    expect(chatCompletionsUrl('http://h/v1/chat/completions')).toBe('http://h/v1/chat/completions');
    expect(backoffMs(1, DEFAULT_RETRY, null, () => 1)).toBe(500);
    expect(backoffMs(3, DEFAULT_RETRY, null, () => 0)).toBe(1000);
    expect(backoffMs(20, DEFAULT_RETRY, null, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
    expect(backoffMs(1, DEFAULT_RETRY, '2')).toBe(2000);
  });
});

describe('JSON in replies', () => {
  it('finds the object in fences, prose and nested braces, and returns null when there is none', () => {
    expect(extractJsonObject('```json\n{"score": 0.5, "reason": "ok"}\n```')).toEqual({ score: 0.5, reason: 'ok' });
    expect(extractJsonObject('Sure! {not json} then {"a": {"b": "}"}} done')).toEqual({ a: { b: '}' } });
    expect(extractJsonObject('score: 1')).toBeNull();
    expect(extractJsonObject('{"score": 1, "reason": "cut sh')).toBeNull();
  });
});

describe('sealed secrets', () => {
  const url = 'https://api.example.com/v1';
  it('round-trips, differs each time, and cannot be opened with another server secret', () => {
    const master = 'a'.repeat(32);
    const a = sealSecret('sk-live-123', url, master);
    expect(a).not.toContain('sk-live');
    expect(sealSecret('sk-live-123', url, master)).not.toBe(a);
    expect(openSecret(a, url, master)).toBe('sk-live-123');
    expect(() => openSecret(a, url, 'b'.repeat(32))).toThrow(/server secret/);
  });

  it('opens only for the URL it was sealed for', () => {
    const master = 'a'.repeat(32);
    const a = sealSecret('sk-live-123', url, master);
    expect(openSecret(a, 'HTTPS://API.example.com/v1/', master)).toBe('sk-live-123');
    for (const other of [
      'https://evil.example.net/v1',
      'https://api.example.com/v2',
      'http://api.example.com/v1',
      'https://api.example.com:8443/v1',
    ])
      expect(() => openSecret(a, other, master)).toThrow(/saved for another URL/);
  });

  it('keeps a saved key only while the URL stays the same', () => {
    const saved = { url, key: { sealed: sealSecret('sk-1', url), hint: '-1' } };
    expect(nextSealedKey(saved, { url })).toBe(saved.key);
    expect(nextSealedKey(saved, { url: 'https://evil.example.net/v1' })).toEqual({ sealed: null, hint: null });
    expect(nextSealedKey(saved, { url, apiKey: '' })).toEqual({ sealed: null, hint: null });
    const fresh = nextSealedKey(saved, { url: 'https://other.example.org/v1', apiKey: 'sk-2abc' });
    expect(fresh.hint).toBe('2abc');
    expect(openSecret(fresh.sealed!, 'https://other.example.org/v1')).toBe('sk-2abc');
  });
});
