// OpenAI chat format (`{"messages": [{role, content}, …]}`) → one interaction: the last user message is the prompt,
// the assistant reply after it the response, and every earlier turn is kept in metadata so nothing is lost.

export type ChatMessage = { role: string; content: string };

export function isChatLine(obj: unknown): obj is { messages: unknown } {
  return !!obj && typeof obj === 'object' && !Array.isArray(obj) && 'messages' in obj;
}

/** The text of a message's content: a string, or the text parts of a content array. */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (content === null) return '';
  if (Array.isArray(content)) {
    const texts = content.map((p) =>
      p && typeof p === 'object' && (p as { type?: unknown }).type === 'text' ? (p as { text?: unknown }).text : null,
    );
    if (texts.every((t) => typeof t === 'string')) return (texts as string[]).join('');
  }
  return null;
}

export type ChatConversion = { ok: true; fields: Record<string, unknown> } | { ok: false; reason: string };

/** Turns a chat line into the plain item fields (`prompt`, `response`, `metadata`); other top-level keys pass through. */
export function fromChat(obj: { messages: unknown } & Record<string, unknown>): ChatConversion {
  const { messages, ...rest } = obj;
  if (!Array.isArray(messages) || messages.length === 0) return { ok: false, reason: '"messages" must be a non-empty array' };
  const turns: ChatMessage[] = [];
  for (const [i, m] of messages.entries()) {
    const role = m && typeof m === 'object' ? (m as { role?: unknown }).role : undefined;
    if (typeof role !== 'string' || !role) return { ok: false, reason: `messages[${i}] has no "role"` };
    const content = contentText((m as { content?: unknown }).content);
    if (content === null) return { ok: false, reason: `messages[${i}].content must be a string or text parts` };
    turns.push({ role, content });
  }
  const lastUser = turns.findLastIndex((t) => t.role === 'user');
  if (lastUser < 0) return { ok: false, reason: 'no "user" message in "messages"' };
  const replies = turns.slice(lastUser + 1).filter((t) => t.role === 'assistant');
  if (replies.length === 0) return { ok: false, reason: 'no "assistant" reply after the last "user" message' };
  const metadata =
    rest.metadata && typeof rest.metadata === 'object' && !Array.isArray(rest.metadata)
      ? (rest.metadata as Record<string, unknown>)
      : undefined;
  if (rest.metadata !== undefined && !metadata) return { ok: false, reason: '"metadata" must be a JSON object' };
  const history = turns.slice(0, lastUser);
  return {
    ok: true,
    fields: {
      ...rest,
      prompt: turns[lastUser]!.content,
      response: replies.map((r) => r.content).join('\n'),
      metadata: { ...metadata, format: 'openai_chat', ...(history.length ? { history } : {}) },
    },
  };
}
