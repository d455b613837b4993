// Exports in the OpenAI chat fine-tuning format, one JSON object per line:
//   {"messages":[{"role":"user","content":…},{"role":"assistant","content":…}]}
// Streamed in keyset chunks in the version's (seeded) order, so the download and the stored file are the same bytes.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasetExamples, type DatasetSplit } from '@/db/schema';
import { storeArtifact } from '@/server/artifacts/store';

export type ExportSplit = DatasetSplit | 'all';
export type ExportMode = 'store' | 'hash';

export const EXPORT_SPLITS: readonly ExportSplit[] = ['train', 'validation', 'all'];

/** Why a version cannot be exported, or null when it can: a build still running or failed has no complete split. */
export const unexportableReason = (datasetId: string, status: string): string | null =>
  status === 'ready' ? null : `${datasetId} is ${status}: only built versions can be exported.`;

const READ_CHUNK = 1_000;

export const exportLine = (prompt: string, response: string) =>
  `${JSON.stringify({
    messages: [
      { role: 'user', content: prompt },
      { role: 'assistant', content: response },
    ],
  })}\n`;

/** The export's lines; `all` is train then validation. */
export async function* exportLines(db: Db, projectId: string, datasetId: string, split: ExportSplit): AsyncGenerator<string> {
  for (const s of split === 'all' ? (['train', 'validation'] as const) : [split]) {
    let after = -1;
    for (;;) {
      const rows = await db
        .select({ position: datasetExamples.position, prompt: datasetExamples.prompt, response: datasetExamples.response })
        .from(datasetExamples)
        .where(
          and(
            eq(datasetExamples.projectId, projectId),
            eq(datasetExamples.datasetId, datasetId),
            eq(datasetExamples.split, s),
            gt(datasetExamples.position, after),
          ),
        )
        .orderBy(asc(datasetExamples.position))
        .limit(READ_CHUNK);
      for (const r of rows) yield exportLine(r.prompt, r.response);
      if (rows.length < READ_CHUNK) break;
      after = rows.at(-1)!.position;
    }
  }
}

/** The lines as UTF-8 bytes in chunks of about 64 KiB: fewer, larger writes for streams and hashes. */
export async function* exportBytes(lines: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let buf = '';
  for await (const line of lines) {
    buf += line;
    if (buf.length >= 64 * 1024) {
      yield encoder.encode(buf);
      buf = '';
    }
  }
  if (buf) yield encoder.encode(buf);
}

async function hashOnly(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const c of chunks) hash.update(c);
  return hash.digest('hex');
}

/** Writes (or only fingerprints) each non-empty split's export; returns their SHA-256 by split. */
export async function writeExports(
  db: Db,
  o: { projectId: string; datasetId: string; jobId: string | null; mode: ExportMode },
): Promise<Record<DatasetSplit, string | null>> {
  const out: Record<DatasetSplit, string | null> = { train: null, validation: null };
  for (const split of ['train', 'validation'] as const) {
    const [first] = await db
      .select({ one: sql`1` })
      .from(datasetExamples)
      .where(and(eq(datasetExamples.projectId, o.projectId), eq(datasetExamples.datasetId, o.datasetId), eq(datasetExamples.split, split)))
      .limit(1);
    if (!first) continue;
    const body = exportBytes(exportLines(db, o.projectId, o.datasetId, split));
    out[split] =
      o.mode === 'store'
        ? (
            await storeArtifact(db, {
              projectId: o.projectId,
              jobId: o.jobId,
              kind: `dataset-export:${split}`,
              contentType: 'application/jsonl',
              body,
            })
          ).sha256
        : await hashOnly(body);
  }
  return out;
}

export const exportFileName = (datasetId: string, split: ExportSplit) => `${datasetId}.${split}.jsonl`;
