// API keys and worker tokens: issued once, listed by prefix, revoked, and checked by hash on every machine request.
import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { credentials, type CredentialKind } from '@/db/schema';
import { issueSecret, sha256Hex } from '@/server/auth/secrets';
import { DomainError } from '@/server/domain-error';

const secretKind = { api_key: 'af_live', worker_token: 'af_wrk' } as const;
const idPrefix = { api_key: 'key', worker_token: 'wtok' } as const;

export async function createCredential(db: Db, o: { projectId: string; kind: CredentialKind; name: string; createdBy: string | null }) {
  const issued = issueSecret(secretKind[o.kind]);
  const [row] = await db
    .insert(credentials)
    .values({
      id: newId(idPrefix[o.kind]),
      projectId: o.projectId,
      kind: o.kind,
      name: o.name,
      prefix: issued.prefix,
      secretHash: issued.hash,
      createdBy: o.createdBy,
    })
    .returning({ id: credentials.id, name: credentials.name, prefix: credentials.prefix, createdAt: credentials.createdAt });
  // The secret leaves this function once and is never stored.
  return { ...row!, secret: issued.secret };
}

export function listCredentials(db: Db, projectId: string, kind: CredentialKind) {
  return db
    .select({
      id: credentials.id,
      name: credentials.name,
      prefix: credentials.prefix,
      createdAt: credentials.createdAt,
      lastUsedAt: credentials.lastUsedAt,
      revokedAt: credentials.revokedAt,
    })
    .from(credentials)
    .where(and(eq(credentials.projectId, projectId), eq(credentials.kind, kind)))
    .orderBy(desc(credentials.createdAt));
}

/** Revokes an active credential at once; refused as not_found when there is no such active one. */
export async function revokeCredential(db: Db, projectId: string, kind: CredentialKind, id: string): Promise<{ revoked: string }> {
  const rows = await db
    .update(credentials)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(credentials.id, id), eq(credentials.projectId, projectId), eq(credentials.kind, kind), isNull(credentials.revokedAt)))
    .returning({ id: credentials.id });
  if (!rows.length) throw new DomainError('not_found', 'No such active credential in this project.');
  return { revoked: id };
}

export type Authenticated = { credentialId: string; projectId: string };

/** How stale `lastUsedAt` may get: writing it on every request would make concurrent clients of one key queue on its row. */
const LAST_USED_RESOLUTION_SECONDS = 60;

/** Resolves a presented secret to its project, or null when unknown, revoked or of another kind. */
export async function authenticate(db: Db, kind: CredentialKind, secret: string | null): Promise<Authenticated | null> {
  if (!secret || !secret.startsWith(`${secretKind[kind]}_`)) return null;
  const [row] = await db
    .select({ credentialId: credentials.id, projectId: credentials.projectId, lastUsedAt: credentials.lastUsedAt })
    .from(credentials)
    .where(and(eq(credentials.secretHash, sha256Hex(secret)), eq(credentials.kind, kind), isNull(credentials.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_SECONDS * 1000) {
    // The condition repeats in SQL so that of many requests arriving together only one writes.
    await db
      .update(credentials)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(credentials.id, row.credentialId),
          sql`(${credentials.lastUsedAt} is null or ${credentials.lastUsedAt} < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))`,
        ),
      );
  }
  return { credentialId: row.credentialId, projectId: row.projectId };
}
