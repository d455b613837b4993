// The OpenAI-compatible routes: POST /api/v1/chat/completions (JSON, or server-sent `chat.completion.chunk` events
// with `stream: true`) and GET /api/v1/models, authenticated by a project API key, `model` naming a deployment.
// Refusals use OpenAI's error shape `{ error: { message, type, code } }` with the domain error's status (and
// Retry-After on 429/503), through handleRoute's renderer hook, so the one error mapping stays the only one.
import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { DomainError, type DomainErrorCode } from '@/server/domain-error';
import { requireApiKey } from '@/server/http/api-key';
import { handleRoute, retryHeaders, type ErrorRenderer } from '@/server/http/route';
import { servedNames } from '../deployments';
import type { RuntimeHost } from '../pools';
import { serveChat, type Exchange } from '../serve';

const OPENAI_TYPE: Partial<Record<DomainErrorCode, [type: string, code: string]>> = {
  bad_request: ['invalid_request_error', 'invalid_request'],
  unauthorized: ['invalid_request_error', 'invalid_api_key'],
  forbidden: ['invalid_request_error', 'forbidden'],
  not_found: ['invalid_request_error', 'model_not_found'],
  too_large: ['invalid_request_error', 'request_too_large'],
  rate_limited: ['rate_limit_error', 'rate_limit_exceeded'],
  timeout: ['timeout_error', 'timeout'],
  unavailable: ['server_error', 'unavailable'],
};

export const renderOpenAiError: ErrorRenderer = (err) => {
  const [type, code] = OPENAI_TYPE[err.code] ?? ['server_error', err.code];
  return Response.json(
    { error: { message: err.message, type, code, param: err.field ?? null } },
    { status: err.status, headers: retryHeaders(err) },
  );
};

const content = z.union([
  z.string(),
  z.array(z.object({ type: z.string(), text: z.string().optional() })).transform((parts) => parts.map((p) => p.text ?? '').join('')),
  z.null().transform(() => ''),
]);

const chatBody = z.object({
  model: z.string().min(1),
  messages: z
    .array(z.object({ role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']), content: content.optional().default('') }))
    .min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
});

async function parseBody(req: Request): Promise<z.infer<typeof chatBody>> {
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    throw new DomainError('bad_request', 'The request body is not valid JSON.');
  }
  const parsed = chatBody.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DomainError('bad_request', `Invalid request body: ${first.path.join('.') || 'body'}: ${first.message}.`, {
      field: first.path.join('.'),
    });
  }
  return parsed.data;
}

const completionId = (requestId: string) => `chatcmpl-${requestId.slice(4)}`;
const usageOf = (x: Exchange) => ({
  prompt_tokens: x.result.promptTokens,
  completion_tokens: x.result.completionTokens,
  total_tokens: x.result.promptTokens + x.result.completionTokens,
});
const finishReason = (x: Exchange) => (x.result.reason === 'length' || x.result.reason === 'max-calls' ? 'length' : 'stop');

/** The agent's steps, for clients that want them (OpenAI clients ignore unknown fields). */
const trajectoryOf = (x: Exchange) => ({ deployment: x.deployment.id, version: x.deployment.version, steps: x.result.steps });

function sse(x: Exchange, includeUsage: boolean): Response {
  const created = Math.floor(Date.now() / 1000);
  const base = { id: completionId(x.requestId), object: 'chat.completion.chunk', created, model: x.deployment.name };
  // The agent loop runs to its end inside the sandbox before the answer is known; the answer is then sent in pieces.
  const pieces = x.result.answer.match(/\S+\s*|\s+/g) ?? [''];
  const chunks: object[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...pieces.map((p) => ({ ...base, choices: [{ index: 0, delta: { content: p }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason(x) }], agent: trajectoryOf(x) },
  ];
  if (includeUsage) chunks.push({ ...base, choices: [], usage: usageOf(x) });
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(enc.encode(`data: ${JSON.stringify(c)}\n\n`));
      controller.enqueue(enc.encode('data: [DONE]\n\n'));
      controller.close();
    },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' },
  });
}

export function handleChatCompletions(db: Db, host: RuntimeHost, req: Request): Promise<Response> {
  return handleRoute(
    'POST /api/v1/chat/completions',
    async () => {
      const key = await requireApiKey(db, req.headers);
      const body = await parseBody(req);
      const x = await serveChat(db, host, { projectId: key.projectId, model: body.model, messages: body.messages, stream: !!body.stream });
      if (body.stream) return sse(x, !!body.stream_options?.include_usage);
      return Response.json({
        id: completionId(x.requestId),
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: x.deployment.name,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: x.result.answer, refusal: null },
            finish_reason: finishReason(x),
            logprobs: null,
          },
        ],
        usage: usageOf(x),
        agent: trajectoryOf(x),
      });
    },
    renderOpenAiError,
  );
}

export function handleListModels(db: Db, req: Request): Promise<Response> {
  return handleRoute(
    'GET /api/v1/models',
    async () => {
      const key = await requireApiKey(db, req.headers);
      const names = await servedNames(db, key.projectId);
      return Response.json({
        object: 'list',
        data: names.map((n) => ({
          id: n.name,
          object: 'model',
          created: Math.floor(n.createdAt.getTime() / 1000),
          owned_by: key.projectId,
        })),
      });
    },
    renderOpenAiError,
  );
}
