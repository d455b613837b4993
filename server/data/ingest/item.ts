// One interaction as clients send it (API body, JSONL line, CSV row): validated with a reason a person can act on.
import { z } from 'zod';

/** Longest prompt or response kept; anything longer is almost surely a mistake (a whole log pasted into one field). */
export const MAX_TEXT_CHARS = 200_000;

const text = (field: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `missing "${field}"` : `"${field}" must be a string`) })
    .max(MAX_TEXT_CHARS, `"${field}" is longer than ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters`)
    .refine(...noNul(field));

const noNul = (field: string) =>
  [(s: string) => !s.includes('\u0000'), `"${field}" contains a NUL character (\\u0000), which cannot be stored`] as const;

/** Postgres stores years 4713 BC to 294276 AD; an interaction's time is taken as sane between years 1 and 9999. */
const storableDate = (v: string) => {
  const year = new Date(v).getUTCFullYear();
  return Number.isFinite(year) && year >= 1 && year <= 9999;
};

export const eventItemSchema = z.object({
  id: z
    .string({ error: '"id" must be a string' })
    .trim()
    .min(1, '"id" must not be empty')
    .max(200, '"id" is longer than 200 characters')
    .refine(...noNul('id'))
    .optional(),
  agent_id: z
    .string({ error: (i) => (i.input === undefined ? 'missing "agent_id"' : '"agent_id" must be a string') })
    .trim()
    .min(1, '"agent_id" must not be empty')
    .max(200, '"agent_id" is longer than 200 characters')
    .refine(...noNul('agent_id')),
  prompt: text('prompt'),
  response: text('response'),
  metadata: z.record(z.string(), z.unknown(), { error: '"metadata" must be a JSON object' }).optional(),
  created_at: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: '"created_at" must be an ISO 8601 timestamp, e.g. 2025-03-01T12:00:00Z',
    })
    .refine(storableDate, '"created_at" must fall between the years 0001 and 9999')
    .optional(),
});

/** What storing needs: the checked fields, with anything unknown kept in metadata rather than dropped. */
export type ValidItem = {
  clientId: string | null;
  agentId: string;
  prompt: string;
  response: string;
  metadata: Record<string, unknown>;
  occurredAt: Date | null;
};

export type Checked = { ok: true; item: ValidItem } | { ok: false; reason: string };

const KNOWN = new Set(['id', 'agent_id', 'prompt', 'response', 'metadata', 'created_at']);

/** Validates one raw item. `defaultAgentId` fills a missing `agent_id` (an upload made for one agent). */
export function checkItem(raw: unknown, defaultAgentId?: string): Checked {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'expected a JSON object' };
  const obj = raw as Record<string, unknown>;
  const input = defaultAgentId && (obj.agent_id === undefined || obj.agent_id === '') ? { ...obj, agent_id: defaultAgentId } : obj;
  const parsed = eventItemSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => i.message).join('; ') };
  const v = parsed.data;
  const extra: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(obj)) if (!KNOWN.has(k)) extra[k] = value;
  const metadata = { ...extra, ...v.metadata };
  // Postgres jsonb refuses \u0000 anywhere in a document; say so here rather than fail the whole batch.
  if (JSON.stringify(metadata).includes('\\u0000'))
    return { ok: false, reason: '"metadata" contains a NUL character (\\u0000), which cannot be stored' };
  return {
    ok: true,
    item: {
      clientId: v.id ?? null,
      agentId: v.agent_id,
      prompt: v.prompt,
      response: v.response,
      metadata,
      occurredAt: v.created_at ? new Date(v.created_at) : null,
    },
  };
}
