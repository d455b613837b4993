// A client for any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp, LiteLLM…).
// Generic on purpose: the annotation judge uses it now, the Evaluation factory later. Retries what is worth retrying
// (429, 5xx, network errors, timeouts) with exponential back-off and jitter, honouring Retry-After; fails fast otherwise.
import { sleep } from '@/server/abortable-sleep';

export type ChatRole = 'system' | 'user' | 'assistant';
export type ChatMessage = { role: ChatRole; content: string };

export type ChatEndpoint = {
  /** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8000/v1`; a full `…/chat/completions` URL works too. */
  baseUrl: string;
  model: string;
  apiKey?: string | null;
};

export type ChatRequest = {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object where the server supports it (OpenAI's `response_format`); servers that do not ignore it. */
  json?: boolean;
  signal?: AbortSignal;
};

export type ChatReply = {
  content: string;
  model: string;
  attempts: number;
  usage: { promptTokens: number; completionTokens: number } | null;
};

export type RetryPolicy = {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 60_000 };

export class ChatCompletionError extends Error {
  override name = 'ChatCompletionError';
  constructor(
    message: string,
    /** HTTP status when the endpoint answered; undefined for network failures and timeouts. */
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export function chatCompletionsUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

/** HTTP statuses worth retrying: timeouts, conflicts, rate limits and server errors. */
export const retryableStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** Back-off before attempt `attempt + 1`: Retry-After when the server gave one, else exponential with full jitter. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfter: string | null, random = Math.random): number {
  const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(policy.maxDelayMs, seconds * 1000);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** The assistant's text from a chat-completions body; `content` may be a string or a list of text parts. */
function replyText(body: unknown): string | null {
  const message = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message;
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : typeof p?.text === 'string' ? p.text : '')).join('');
  return null;
}

type Attempt =
  | { ok: true; content: string; model: string; usage: ChatReply['usage'] }
  | { ok: false; error: ChatCompletionError; retryAfter: string | null };

async function attemptOnce(endpoint: ChatEndpoint, req: ChatRequest, policy: RetryPolicy, fetchImpl: typeof fetch): Promise<Attempt> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const payload: Record<string, unknown> = { model: endpoint.model, messages: req.messages, temperature: req.temperature ?? 0 };
  if (req.maxTokens) payload.max_tokens = req.maxTokens;
  if (req.json) payload.response_format = { type: 'json_object' };
  let res: Response;
  try {
    res = await fetchImpl(chatCompletionsUrl(endpoint.baseUrl), { method: 'POST', headers, body: JSON.stringify(payload), signal });
  } catch (err) {
    if (req.signal?.aborted) throw err; // the caller gave up: not ours to retry
    const what = timeout.aborted ? `timed out after ${policy.timeoutMs} ms` : `could not be reached (${(err as Error).message})`;
    return { ok: false, error: new ChatCompletionError(`The chat endpoint ${what}.`, undefined, true), retryAfter: null };
  }
  const text = await res.text();
  if (!res.ok) {
    const detail = text.slice(0, 300).replace(/\s+/g, ' ').trim();
    return {
      ok: false,
      error: new ChatCompletionError(
        `The chat endpoint answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`,
        res.status,
        retryableStatus(res.status),
      ),
      retryAfter: res.headers.get('retry-after'),
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: new ChatCompletionError(`The chat endpoint sent a body that is not JSON: ${text.slice(0, 120)}`, res.status, false),
      retryAfter: null,
    };
  }
  const content = replyText(body);
  if (content === null)
    return {
      ok: false,
      error: new ChatCompletionError('The chat endpoint sent no choices[0].message.content.', res.status, false),
      retryAfter: null,
    };
  const usage = (body as { usage?: { prompt_tokens?: number; completion_tokens?: number } }).usage;
  return {
    ok: true,
    content,
    model: (body as { model?: string }).model ?? endpoint.model,
    usage: usage ? { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 } : null,
  };
}

export async function chatComplete(
  endpoint: ChatEndpoint,
  req: ChatRequest,
  opts: {
    retry?: Partial<RetryPolicy>;
    fetch?: typeof fetch;
    onRetry?: (error: ChatCompletionError, attempt: number, delayMs: number) => void;
  } = {},
): Promise<ChatReply> {
  const policy = { ...DEFAULT_RETRY, ...opts.retry };
  for (let attempt = 1; ; attempt++) {
    const out = await attemptOnce(endpoint, req, policy, opts.fetch ?? fetch);
    if (out.ok) return { content: out.content, model: out.model, usage: out.usage, attempts: attempt };
    if (!out.error.retryable || attempt >= policy.maxAttempts) {
      if (out.error.retryable) out.error.message += ` (gave up after ${attempt} attempts)`;
      throw out.error;
    }
    const delay = backoffMs(attempt, policy, out.retryAfter);
    opts.onRetry?.(out.error, attempt, delay);
    await sleep(delay, req.signal);
  }
}
