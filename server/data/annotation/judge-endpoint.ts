// The project's judge endpoint: saved with its API key sealed and bound to the endpoint's URL, read back without the
// key, opened only for the job. Where the judge's requests go (URL and key) is an admin's decision; engineers pick
// the model (and, per queue, the instructions it judges by).
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { judgeEndpoints } from '@/db/schema';
import { DomainError } from '@/server/domain-error';
import type { ChatEndpoint } from '@/server/llm/chat-client';
import { nextSealedKey, openSecret } from '@/server/llm/sealed-secret';

export type JudgeEndpointInput = {
  baseUrl: string;
  model: string;
  /** undefined: keep the saved key (only while the URL is unchanged); '': remove it; otherwise: the new key. */
  apiKey?: string;
};

/** What the settings form may see: never the key, only whether there is one and its last characters. */
export async function judgeEndpointSettings(db: Db, projectId: string) {
  const [row] = await db.select().from(judgeEndpoints).where(eq(judgeEndpoints.projectId, projectId));
  if (!row) return null;
  return { baseUrl: row.baseUrl, model: row.model, hasApiKey: !!row.apiKeySealed, apiKeyHint: row.apiKeyHint, updatedAt: row.updatedAt };
}

/** Admins: where the judge's requests go, and with which key. A new URL without a new key drops the saved key. */
export async function saveJudgeEndpoint(db: Db, projectId: string, input: JudgeEndpointInput, updatedBy: string | null) {
  const [row] = await db.select().from(judgeEndpoints).where(eq(judgeEndpoints.projectId, projectId));
  const saved = row ? { url: row.baseUrl, key: { sealed: row.apiKeySealed, hint: row.apiKeyHint } } : null;
  const key = nextSealedKey(saved, { url: input.baseUrl, apiKey: input.apiKey });
  const values = { baseUrl: input.baseUrl, model: input.model, updatedBy, apiKeySealed: key.sealed, apiKeyHint: key.hint };
  await db
    .insert(judgeEndpoints)
    .values({ projectId, ...values })
    .onConflictDoUpdate({ target: judgeEndpoints.projectId, set: values });
  return (await judgeEndpointSettings(db, projectId))!;
}

/** Engineers: which model the configured endpoint judges with. */
export async function setJudgeModel(db: Db, projectId: string, model: string, updatedBy: string | null) {
  const rows = await db
    .update(judgeEndpoints)
    .set({ model, updatedBy })
    .where(eq(judgeEndpoints.projectId, projectId))
    .returning({ projectId: judgeEndpoints.projectId });
  if (!rows.length) throw new DomainError('precondition_failed', 'No judge endpoint yet: an admin sets its URL and key first.');
  return (await judgeEndpointSettings(db, projectId))!;
}

export async function removeJudgeEndpoint(db: Db, projectId: string) {
  await db.delete(judgeEndpoints).where(eq(judgeEndpoints.projectId, projectId));
  return { removed: true };
}

/** The endpoint with its key opened (for its own URL only), for server-side use (the judge job). null when none is set. */
export async function loadJudgeEndpoint(db: Db, projectId: string): Promise<ChatEndpoint | null> {
  const [row] = await db.select().from(judgeEndpoints).where(eq(judgeEndpoints.projectId, projectId));
  if (!row) return null;
  return { baseUrl: row.baseUrl, model: row.model, apiKey: row.apiKeySealed ? openSecret(row.apiKeySealed, row.baseUrl) : null };
}
