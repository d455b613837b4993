// Tenancy and access: projects, users, their role per project, and the credentials machines use (API keys, worker tokens).
import { pgEnum, pgTable, primaryKey, text, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './timestamps';

export const roleEnum = pgEnum('role', ['admin', 'engineer', 'annotator', 'viewer']);

export const projects = pgTable('projects', {
  id: text().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  description: text().notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable('users', {
  id: text().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index().on(t.userId)],
);

export const credentialKindEnum = pgEnum('credential_kind', ['api_key', 'worker_token']);

/**
 * Machine credentials: API keys for /api/v1 and tokens remote workers present on /api/worker.
 * Only a SHA-256 of the secret is kept; `prefix` lets people recognise a key in lists.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: text().primaryKey(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: credentialKindEnum().notNull(),
    name: text().notNull(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.secretHash), index().on(t.projectId, t.kind)],
);

export type CredentialKind = (typeof credentialKindEnum.enumValues)[number];
export type Role = (typeof roleEnum.enumValues)[number];
