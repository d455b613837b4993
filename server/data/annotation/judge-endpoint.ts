// The project's judge endpoint: saved with its API key sealed, read back without the key, opened only for the job.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { judgeEndpoints } from '@/db/schema';
import type { ChatEndpoint } from '@/server/llm/chat-client';
import { openSecret, sealSecret } from '@/server/llm/sealed-secret';

export type JudgeEndpointInput = {
  baseUrl: string;
  model: string;
  /** undefined: keep the saved key; '': remove it; otherwise: the new key. */
  apiKey?: string;
};

/** What the settings form may see: never the key, only whether there is one and its last characters. */
export async function judgeEndpointSettings(db: Db, projectId: string) {
  const [row] = await db.select().from(judgeEndpoints).where(eq(judgeEndpoints.projectId, projectId));
  if (!row) return null;
  return { baseUrl: row.baseUrl, model: row.model, hasApiKey: !!row.apiKeySealed, apiKeyHint: row.apiKeyHint, updatedAt: row.updatedAt };
}

export async function saveJudgeEndpoint(db: Db, projectId: string, input: JudgeEndpointInput, updatedBy: string | null) {
  const key =
    input.apiKey === undefined
      ? {}
      : input.apiKey === ''
        ? { apiKeySealed: null, apiKeyHint: null }
        : { apiKeySealed: sealSecret(input.apiKey), apiKeyHint: input.apiKey.slice(-4) };
  await db
    .insert(judgeEndpoints)
    .values({ projectId, baseUrl: input.baseUrl, model: input.model, updatedBy, ...key })
    .onConflictDoUpdate({ target: judgeEndpoints.projectId, set: { baseUrl: input.baseUrl, model: input.model, updatedBy, ...key } });
  return (await judgeEndpointSettings(db, projectId))!;
}

export async function removeJudgeEndpoint(db: Db, projectId: string) {
  await db.delete(judgeEndpoints).where(eq(judgeEndpoints.projectId, projectId));
  return { removed: true };
}

/** The endpoint with its key opened, for server-side use only (the judge job). null when none is configured. */
export async function loadJudgeEndpoint(db: Db, projectId: string): Promise<ChatEndpoint | null> {
  const [row] = await db.select().from(judgeEndpoints).where(eq(judgeEndpoints.projectId, projectId));
  if (!row) return null;
  return { baseUrl: row.baseUrl, model: row.model, apiKey: row.apiKeySealed ? openSecret(row.apiKeySealed) : null };
}
