// Content-addressed artefact storage: files on disk under <data dir>/artifacts/<2 hex>/<sha256>, rows in `artifacts`.
// Uploads stream to a temp file while hashing, so a multi-GB checkpoint never sits in memory.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { artifacts } from '@/db/schema';
import { env } from '@/server/env';
import { chunksOf, type ByteSource } from '@/server/streams/byte-chunks';
import { DomainError } from '@/server/domain-error';

export type Artifact = typeof artifacts.$inferSelect;
export type ArtifactStoreOptions = { root: string; maxBytes: number };

/** `artifacts.size_bytes` is a Postgres integer, so no single file may pass 2 GiB whatever MAX_ARTIFACT_BYTES says. */
const INT4_MAX = 2 ** 31 - 1;

export const defaultStoreOptions = (): ArtifactStoreOptions => ({
  root: path.resolve(env.AF_DATA_DIR, 'artifacts'),
  maxBytes: Math.min(env.MAX_ARTIFACT_BYTES, INT4_MAX),
});

export const artifactTooLarge = (maxBytes: number) =>
  new DomainError(
    'too_large',
    `Artifact is larger than the ${maxBytes}-byte limit (MAX_ARTIFACT_BYTES); split it or raise the limit on the server.`,
  );

const SHA256 = /^[0-9a-f]{64}$/;

/** Where the file of a hash lives; the check keeps a caller-supplied hash from walking out of the store. */
export function artifactPath(sha256: string, root = defaultStoreOptions().root): string {
  if (!SHA256.test(sha256)) throw new Error(`Not a sha256 hex digest: ${sha256}`);
  return path.join(root, sha256.slice(0, 2), sha256);
}

export type ArtifactSource = ByteSource;

/** Writes the bytes to the store and returns their hash and size; identical content is kept once. */
export async function writeBlob(source: ArtifactSource, o: ArtifactStoreOptions = defaultStoreOptions()) {
  const tmpDir = path.join(o.root, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  // Same filesystem as the final place, so the rename below is atomic: readers never see a half-written file.
  const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const file = await open(tmp, 'wx');
  try {
    for await (const chunk of chunksOf(source)) {
      size += chunk.byteLength;
      if (size > o.maxBytes) throw artifactTooLarge(o.maxBytes);
      hash.update(chunk);
      await file.write(chunk);
    }
    await file.sync();
  } catch (err) {
    await file.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await file.close();
  const sha256 = hash.digest('hex');
  const final = artifactPath(sha256, o.root);
  await mkdir(path.dirname(final), { recursive: true });
  await rename(tmp, final);
  return { sha256, sizeBytes: size, path: final };
}

export type StoreArtifactInput = {
  projectId: string;
  jobId: string | null;
  kind: string;
  contentType?: string;
  body: ArtifactSource;
};

export async function storeArtifact(db: Db, input: StoreArtifactInput, o: ArtifactStoreOptions = defaultStoreOptions()): Promise<Artifact> {
  const blob = await writeBlob(input.body, o);
  return recordArtifact(db, { ...input, sha256: blob.sha256, sizeBytes: blob.sizeBytes });
}

export async function recordArtifact(
  db: Db,
  a: { projectId: string; jobId: string | null; kind: string; contentType?: string; sha256: string; sizeBytes: number },
): Promise<Artifact> {
  const [row] = await db
    .insert(artifacts)
    .values({
      id: newId('art'),
      projectId: a.projectId,
      jobId: a.jobId,
      kind: a.kind,
      sha256: a.sha256,
      sizeBytes: a.sizeBytes,
      contentType: a.contentType || 'application/octet-stream',
    })
    .returning();
  return row!;
}

/** Opens the bytes of a hash for reading, or null when no such file is stored. */
export async function openArtifact(
  sha256: string,
  root = defaultStoreOptions().root,
): Promise<{ sizeBytes: number; stream: ReadStream } | null> {
  const file = artifactPath(sha256, root);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return { sizeBytes: info.size, stream: createReadStream(file) };
}

/** The row of an artefact a job stored, or a not_found refusal: a job reads back only its own artefacts. */
export async function jobArtifact(db: Db, o: { projectId: string; jobId: string; artifactId: string }): Promise<Artifact> {
  const [row] = await db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.id, o.artifactId), eq(artifacts.jobId, o.jobId), eq(artifacts.projectId, o.projectId)));
  if (!row) throw new DomainError('not_found', `Job ${o.jobId} stored no artefact ${o.artifactId}.`);
  return row;
}

/** Reads a job's artefact into memory (checkpoints of the built-in trainer are a few MB), checking its hash. */
export async function readJobArtifact(
  db: Db,
  o: { projectId: string; jobId: string; artifactId: string; sha256: string },
  root = defaultStoreOptions().root,
): Promise<Uint8Array> {
  const row = await jobArtifact(db, o);
  if (row.sha256 !== o.sha256) throw new DomainError('not_found', `Artefact ${o.artifactId} does not have the hash ${o.sha256}.`);
  return new Uint8Array(await readFile(artifactPath(row.sha256, root)));
}
