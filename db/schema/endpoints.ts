// External OpenAI-compatible chat-completions models a project registers by URL, model name and sealed key: what an
// evaluation can score as its subject, and what the Runtime factory can serve. A project resource, not an evaluation
// one. The key is sealed (AES-256-GCM, bound to the URL: server/llm/sealed-secret.ts) and never leaves the server.
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, projectRef, updatedAt } from './columns';

export const modelEndpoints = pgTable(
  'model_endpoints',
  {
    /** `mep_…` */
    id: text().primaryKey(),
    projectId: projectRef(),
    name: text().notNull(),
    baseUrl: text().notNull(),
    /** The model name the endpoint expects in its requests, e.g. `gpt-4o-mini`. */
    model: text().notNull(),
    apiKeySealed: text(),
    /** The key's last 4 characters, so people can tell keys apart without seeing them. */
    apiKeyHint: text(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('model_endpoints_name_idx').on(t.projectId, t.name), index().on(t.projectId, t.createdAt.desc())],
);

export type ModelEndpoint = typeof modelEndpoints.$inferSelect;
