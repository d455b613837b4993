// A tiny OpenAI-compatible chat-completions server on 127.0.0.1 for tests: a stand-in for the external service,
// whose replies each test scripts. It records every request so tests can check what was sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMessage } from '../chat-client';

export type ChatRequestBody = { model: string; messages: ChatMessage[]; temperature?: number; response_format?: unknown };
export type Scripted = { status?: number; headers?: Record<string, string>; content?: string; body?: string };
export type Responder = (body: ChatRequestBody, n: number, headers: IncomingMessage['headers']) => Scripted | Promise<Scripted>;

export type FakeChatServer = {
  baseUrl: string;
  requests: { body: ChatRequestBody; headers: IncomingMessage['headers']; path: string }[];
  close: () => Promise<void>;
};

export async function startFakeChatServer(respond: Responder): Promise<FakeChatServer> {
  const requests: FakeChatServer['requests'] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw || '{}') as ChatRequestBody;
    requests.push({ body, headers: req.headers, path: req.url ?? '' });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const out = await respond(body, requests.length, req.headers);
    const status = out.status ?? 200;
    const payload =
      out.body ??
      JSON.stringify({
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: out.content ?? '' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
    res.writeHead(status, { 'content-type': 'application/json', ...out.headers }).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
