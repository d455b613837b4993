// A project's external OpenAI-compatible models (`mep_…`), registered by URL, model name and sealed key: listed without
// their keys, saved and removed by admins only (where requests go, with which key, is an admin's decision), and opened
// server-side for the URL they were saved for. Evaluation scores them as subjects; the Runtime factory serves them.
import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { modelEndpoints, type ModelEndpoint } from '@/db/schema';
import { DomainError, fieldError } from '@/server/domain-error';
import type { ChatEndpoint } from './chat-client';
import { nextSealedKey, openSecret } from './sealed-secret';

export type ModelEndpointInput = {
  /** Absent: a new endpoint. */
  id?: string;
  name: string;
  baseUrl: string;
  model: string;
  /** undefined: keep the saved key (only while the URL is unchanged); '': remove it; otherwise: the new key. */
  apiKey?: string;
};

/** What anyone who may read the project sees of an endpoint: never the key, only whether there is one and its end. */
export type ModelEndpointView = Omit<ModelEndpoint, 'apiKeySealed'> & { hasApiKey: boolean };

const view = ({ apiKeySealed, ...rest }: ModelEndpoint): ModelEndpointView => ({ ...rest, hasApiKey: !!apiKeySealed });

export async function listModelEndpoints(db: Db, projectId: string): Promise<ModelEndpointView[]> {
  const rows = await db.select().from(modelEndpoints).where(eq(modelEndpoints.projectId, projectId)).orderBy(asc(modelEndpoints.name));
  return rows.map(view);
}

async function endpointRow(db: Db, projectId: string, id: string): Promise<ModelEndpoint | null> {
  const [row] = await db
    .select()
    .from(modelEndpoints)
    .where(and(eq(modelEndpoints.projectId, projectId), eq(modelEndpoints.id, id)));
  return row ?? null;
}

export async function getModelEndpoint(db: Db, projectId: string, id: string): Promise<ModelEndpointView | null> {
  const row = await endpointRow(db, projectId, id);
  return row && view(row);
}

/** Creates or updates one; a new URL without a new key drops the saved key, so a key never follows its endpoint elsewhere. */
export async function saveModelEndpoint(
  db: Db,
  projectId: string,
  input: ModelEndpointInput,
  by: string | null,
): Promise<ModelEndpointView> {
  const saved = input.id ? await endpointRow(db, projectId, input.id) : null;
  if (input.id && !saved) throw new DomainError('not_found', `No model endpoint ${input.id} in this project.`);
  const [clash] = await db
    .select({ id: modelEndpoints.id })
    .from(modelEndpoints)
    .where(
      and(
        eq(modelEndpoints.projectId, projectId),
        eq(modelEndpoints.name, input.name),
        input.id ? ne(modelEndpoints.id, input.id) : undefined,
      ),
    );
  if (clash) throw fieldError('name', `Another endpoint is already called ${input.name}.`);
  const key = nextSealedKey(saved && { url: saved.baseUrl, key: { sealed: saved.apiKeySealed, hint: saved.apiKeyHint } }, {
    url: input.baseUrl,
    apiKey: input.apiKey,
  });
  const values = { name: input.name, baseUrl: input.baseUrl, model: input.model, apiKeySealed: key.sealed, apiKeyHint: key.hint };
  if (saved) {
    const [row] = await db
      .update(modelEndpoints)
      .set(values)
      .where(and(eq(modelEndpoints.projectId, projectId), eq(modelEndpoints.id, saved.id)))
      .returning();
    return view(row!);
  }
  const [row] = await db
    .insert(modelEndpoints)
    .values({ id: newId('mep'), projectId, createdBy: by, ...values })
    .onConflictDoNothing()
    .returning();
  if (!row) throw fieldError('name', `Another endpoint was just saved as ${input.name}.`);
  return view(row);
}

export async function removeModelEndpoint(db: Db, projectId: string, id: string): Promise<{ removed: string }> {
  const rows = await db
    .delete(modelEndpoints)
    .where(and(eq(modelEndpoints.projectId, projectId), eq(modelEndpoints.id, id)))
    .returning({ id: modelEndpoints.id });
  if (!rows.length) throw new DomainError('not_found', `No model endpoint ${id} in this project.`);
  return { removed: id };
}

export type LoadedModelEndpoint = ChatEndpoint & { id: string; name: string };

/** The endpoint with its key opened for its own URL only, for server-side calls. null when there is no such endpoint. */
export async function loadModelEndpoint(db: Db, projectId: string, id: string): Promise<LoadedModelEndpoint | null> {
  const row = await endpointRow(db, projectId, id);
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    model: row.model,
    apiKey: row.apiKeySealed ? openSecret(row.apiKeySealed, row.baseUrl) : null,
  };
}
