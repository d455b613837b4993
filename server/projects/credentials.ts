// API keys and worker tokens: issued once, listed by prefix, revoked, and checked by hash on every machine request.
import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { allocations, credentials, type CredentialKind } from '@/db/schema';
import { issueSecret, sha256Hex } from '@/server/auth/secrets';
import { DomainError } from '@/server/domain-error';

const secretKind = { api_key: 'af_live', worker_token: 'af_wrk' } as const;
const idPrefix = { api_key: 'key', worker_token: 'wtok' } as const;

export async function createCredential(
  db: Db,
  o: { projectId: string; kind: CredentialKind; name: string; createdBy: string | null; allocationId?: string; expiresAt?: Date },
) {
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
      allocationId: o.allocationId ?? null,
      expiresAt: o.expiresAt ?? null,
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
      allocationId: credentials.allocationId,
      expiresAt: credentials.expiresAt,
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

/**
 * A worker token for one allocation alone: what a cluster job's worker gets, in the job's environment. It expires with
 * the allocation's time limit (`expiresAt`, pushed back once Slurm starts the job) and is revoked when it ends.
 */
export async function mintAllocationToken(db: Db, o: { projectId: string; allocationId: string; expiresAt: Date }) {
  const { id, secret } = await createCredential(db, {
    projectId: o.projectId,
    kind: 'worker_token',
    name: `worker for allocation ${o.allocationId}`,
    createdBy: null,
    allocationId: o.allocationId,
    expiresAt: o.expiresAt,
  });
  return { id, secret };
}

/** The allocation's worker token, if its job runs our worker (one was minted for it). */
export async function allocationToken(db: Db, allocationId: string) {
  const [row] = await db
    .select({ id: credentials.id, expiresAt: credentials.expiresAt, revokedAt: credentials.revokedAt })
    .from(credentials)
    .where(eq(credentials.allocationId, allocationId))
    .limit(1);
  return row ?? null;
}

/** Moves the expiry of an allocation's token (Slurm started its job: it may run until its time limit from now). */
export async function extendAllocationToken(db: Db, allocationId: string, expiresAt: Date) {
  await db
    .update(credentials)
    .set({ expiresAt })
    .where(and(eq(credentials.allocationId, allocationId), isNull(credentials.revokedAt)));
}

/** Revokes the tokens of allocations that ended, so nothing their job left behind can still act for them. */
export async function revokeAllocationTokens(db: Db, allocationIds: string[]) {
  if (!allocationIds.length) return;
  await db
    .update(credentials)
    .set({ revokedAt: sql`now()` })
    .where(and(inArray(credentials.allocationId, allocationIds), isNull(credentials.revokedAt)));
}

/** `allocationId`: the token's scope, when it was minted for one allocation's worker. */
export type Authenticated = { credentialId: string; projectId: string; allocationId?: string | null };

/** How stale `lastUsedAt` may get: writing it on every request would make concurrent clients of one key queue on its row. */
const LAST_USED_RESOLUTION_SECONDS = 60;

/** Resolves a presented secret to its project, or null when unknown, revoked or of another kind. */
export async function authenticate(db: Db, kind: CredentialKind, secret: string | null): Promise<Authenticated | null> {
  if (!secret || !secret.startsWith(`${secretKind[kind]}_`)) return null;
  const [row] = await db
    .select({
      credentialId: credentials.id,
      projectId: credentials.projectId,
      lastUsedAt: credentials.lastUsedAt,
      allocationId: credentials.allocationId,
    })
    .from(credentials)
    .where(
      and(
        eq(credentials.secretHash, sha256Hex(secret)),
        eq(credentials.kind, kind),
        isNull(credentials.revokedAt),
        sql`(${credentials.expiresAt} is null or ${credentials.expiresAt} > now())`,
        // Also when a revocation was missed (a crash between the two writes): a scoped token outlives no allocation.
        sql`(${credentials.allocationId} is null or exists (select 1 from ${allocations} where ${allocations.id} = ${credentials.allocationId} and ${allocations.status} in ('queued', 'granted')))`,
      ),
    );
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
  return { credentialId: row.credentialId, projectId: row.projectId, allocationId: row.allocationId };
}
