// A project's clusters (`clu_…`): where its slurmrestd is, as which user, with which credential (a token, or the JWT
// signing key tokens are minted from, sealed and bound to the URL like every credential), and the default partition.
// Listed without credentials; saved, tested and removed by admins. `clusterClient` opens the credential for its own
// URL only; `recordRead` keeps the last good read and the last error, so the page can say "unreachable since".
import 'server-only';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { allocations, clusters, type Cluster, type ClusterCredentialKind } from '@/db/schema';
import { DomainError, fieldError } from '@/server/domain-error';
import { nextSealedKey, openSecret } from '@/server/llm/sealed-secret';
import { SlurmClient, type SlurmAuth } from './client';
import { poolsOf, type ClusterPool } from './parse';

export type ClusterInput = {
  id?: string;
  name: string;
  url: string;
  userName: string;
  credentialKind: ClusterCredentialKind;
  /** undefined: keep the saved one (only while the URL is unchanged); '': remove it; otherwise the new one. */
  credential?: string;
  defaultPartition: string;
  workDir?: string;
  /** For training on the cluster: the app's URL as the nodes reach it, and its checkout on the nodes. */
  appUrl?: string;
  appDir?: string;
};

export type ClusterView = Omit<Cluster, 'credentialSealed' | 'lastPools'> & { hasCredential: boolean; lastPools: ClusterPool[] | null };

const view = ({ credentialSealed, lastPools, ...rest }: Cluster): ClusterView => ({
  ...rest,
  hasCredential: !!credentialSealed,
  lastPools: (lastPools as ClusterPool[] | null) ?? null,
});

export async function listClusterRows(db: Db, projectId: string): Promise<Cluster[]> {
  return db.select().from(clusters).where(eq(clusters.projectId, projectId)).orderBy(asc(clusters.name));
}

export async function listClusters(db: Db, projectId: string): Promise<ClusterView[]> {
  return (await listClusterRows(db, projectId)).map(view);
}

export async function clusterRow(db: Db, projectId: string, id: string): Promise<Cluster | null> {
  const [row] = await db
    .select()
    .from(clusters)
    .where(and(eq(clusters.projectId, projectId), eq(clusters.id, id)));
  return row ?? null;
}

export async function saveCluster(db: Db, projectId: string, input: ClusterInput, by: string | null): Promise<ClusterView> {
  const saved = input.id ? await clusterRow(db, projectId, input.id) : null;
  if (input.id && !saved) throw new DomainError('not_found', `No cluster ${input.id} in this project.`);
  const [clash] = await db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(eq(clusters.projectId, projectId), eq(clusters.name, input.name), input.id ? ne(clusters.id, input.id) : undefined));
  if (clash) throw fieldError('name', `Another cluster is already called ${input.name}.`);
  if (input.credentialKind === 'jwt_key' && input.credential) {
    const key = Buffer.from(input.credential, 'base64');
    if (key.length < 32)
      throw fieldError('credential', 'Paste the JWT signing key as base64 (`base64 -w0 jwt_hs256.key`): at least 32 bytes.');
  }
  // A changed kind is a new credential: the old one must not be read as the other kind.
  const kindChanged = saved && saved.credentialKind !== input.credentialKind;
  const key = nextSealedKey(
    saved && !kindChanged ? { url: saved.url, key: { sealed: saved.credentialSealed, hint: saved.credentialHint } } : null,
    { url: input.url, apiKey: input.credential },
  );
  const values = {
    name: input.name,
    url: input.url,
    userName: input.userName,
    credentialKind: input.credentialKind,
    credentialSealed: key.sealed,
    credentialHint: key.hint,
    defaultPartition: input.defaultPartition,
    workDir: input.workDir ?? '',
    appUrl: input.appUrl ?? '',
    appDir: input.appDir ?? '',
  };
  if (saved) {
    const [row] = await db
      .update(clusters)
      .set(values)
      .where(and(eq(clusters.projectId, projectId), eq(clusters.id, saved.id)))
      .returning();
    return view(row!);
  }
  const [row] = await db
    .insert(clusters)
    .values({ id: newId('clu'), projectId, createdBy: by, ...values })
    .onConflictDoNothing()
    .returning();
  if (!row) throw fieldError('name', `Another cluster was just saved as ${input.name}.`);
  return view(row);
}

export async function removeCluster(db: Db, projectId: string, id: string): Promise<{ removed: string }> {
  const [active] = await db
    .select({ id: allocations.id })
    .from(allocations)
    .where(and(eq(allocations.clusterId, id), inArray(allocations.status, ['queued', 'granted'])))
    .limit(1);
  if (active) throw new DomainError('conflict', `Allocation ${active.id} is still active on this cluster: release it first.`);
  const rows = await db
    .delete(clusters)
    .where(and(eq(clusters.projectId, projectId), eq(clusters.id, id)))
    .returning({ id: clusters.id });
  if (!rows.length) throw new DomainError('not_found', `No cluster ${id} in this project.`);
  return { removed: id };
}

/** A client for the cluster, its credential opened for the URL it was saved for. */
export function clusterClient(c: Cluster, opts: { backoffMs?: number[]; timeoutMs?: number } = {}): SlurmClient {
  if (!c.credentialSealed)
    throw new DomainError('precondition_failed', `Cluster ${c.name} has no token or key: an admin must save one in Settings.`);
  const plain = openSecret(c.credentialSealed, c.url);
  const auth: SlurmAuth =
    c.credentialKind === 'token' ? { kind: 'token', token: plain } : { kind: 'jwt_key', key: Buffer.from(plain, 'base64') };
  return new SlurmClient({ url: c.url, user: c.userName, auth, ...opts });
}

/** Remembers how the last call went: a good read (with the pools) or the error people should see. */
export async function recordRead(db: Db, clusterId: string, outcome: { pools: ClusterPool[] } | { error: string }) {
  await db
    .update(clusters)
    .set(
      'pools' in outcome
        ? { lastOkAt: sql`now()`, lastPools: outcome.pools, lastError: null, lastErrorAt: null }
        : { lastError: outcome.error, lastErrorAt: sql`now()` },
    )
    .where(eq(clusters.id, clusterId));
}

export type ConnectionTest =
  | {
      ok: true;
      version: string;
      plugin: string;
      partitions: ClusterPool[];
      nodes: { name: string; state: string; cpus: number; memoryMb: number; gpus: string }[];
    }
  | { ok: false; error: string };

/** What the "test connection" button answers: the version, partitions and nodes, or the exact error. One try, no back-off. */
export async function testConnection(db: Db, projectId: string, id: string): Promise<ConnectionTest> {
  const c = await clusterRow(db, projectId, id);
  if (!c) throw new DomainError('not_found', `No cluster ${id} in this project.`);
  try {
    const client = clusterClient(c, { backoffMs: [], timeoutMs: 5_000 });
    const version = await client.version();
    const [partitions, nodes] = await Promise.all([client.partitions(), client.nodes()]);
    const pools = poolsOf(partitions, nodes);
    await recordRead(db, c.id, { pools });
    return {
      ok: true,
      version: version.release,
      plugin: version.plugin,
      partitions: pools,
      nodes: nodes.map((n) => ({ name: n.name, state: n.state, cpus: n.cpus, memoryMb: n.real_memory, gpus: n.gres })),
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await recordRead(db, c.id, { error: err.message });
    return { ok: false, error: err.message };
  }
}
