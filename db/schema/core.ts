// Tenancy and access: projects, users, their role per project, and the credentials machines use (API keys, worker tokens).
import { integer, pgEnum, pgTable, primaryKey, text, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
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
    /**
     * A worker token minted for one compute allocation (the worker a cluster job starts on its node): it claims only that
     * allocation's job, stops working when the allocation ends (it is also revoked then) and expires at `expiresAt`.
     */
    allocationId: text(),
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.secretHash), index().on(t.projectId, t.kind), index().on(t.allocationId)],
);

/**
 * A real install starts with no users: the first start issues a one-time setup link (only its SHA-256 is kept here),
 * and whoever opens it creates the first admin. Used or superseded tokens are deleted.
 */
export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text().primaryKey(),
  createdAt: createdAt(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/** Failed sign-ins per account and per client address, so guessing passwords is throttled across processes. */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
});

export type CredentialKind = (typeof credentialKindEnum.enumValues)[number];
export type Role = (typeof roleEnum.enumValues)[number];
