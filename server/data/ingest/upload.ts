// A file upload (UI route or CLI): records are parsed as the bytes stream in and stored 500 at a time, so memory
// stays flat whatever the file size; every bad line is counted and the first ones kept with their number and reason.
import 'server-only';
import type { Db } from '@/db';
import type { IngestBatch } from '@/db/schema';
import { logInternal } from '@/server/http/internal-error';
import { finishBatch, openBatch, storable } from './batch-record';
import { checkItem } from './item';
import { recordsOf, type UploadFormat } from './records';
import { countedChunks, isTooLarge, uploadTooLarge, type ByteSource, type UploadLimit } from './source';
import { storeEvents, type Indexed } from './store';
import { noteBulkWrite } from '../stats-refresh';

export const UPLOAD_CHUNK = 500;
/** How many rejected lines are kept with their reasons; the count is always complete. */
export const MAX_REPORTED_REJECTIONS = 100;

export type UploadOptions = {
  projectId: string;
  fileName: string;
  format: UploadFormat;
  /** Fills `agent_id` on lines that have none (chat-format files rarely name their agent). */
  defaultAgentId?: string;
  /** The size the sender announced (Content-Length, file size): refused before reading when over the limit. */
  declaredBytes?: number | null;
  maxBytes: number;
  /** Where `maxBytes` comes from, so a refusal says how to raise it: the server's (default) or the CLI's own environment. */
  limit?: UploadLimit;
  kind: 'upload' | 'cli';
  createdBy: string | null;
};

export type UploadResult = Pick<
  IngestBatch,
  'id' | 'fileName' | 'format' | 'bytes' | 'lines' | 'stored' | 'duplicates' | 'rejected' | 'rejections' | 'error'
>;

export async function ingestUpload(db: Db, body: ByteSource, o: UploadOptions): Promise<UploadResult> {
  if (o.declaredBytes != null && o.declaredBytes > o.maxBytes) throw uploadTooLarge(o.maxBytes, o.limit);
  const batchId = await openBatch(db, {
    projectId: o.projectId,
    kind: o.kind,
    fileName: o.fileName,
    format: o.format,
    createdBy: o.createdBy,
  });
  const counted = countedChunks(body, o.maxBytes, o.limit);
  const r: UploadResult = {
    id: batchId,
    fileName: o.fileName,
    format: o.format,
    bytes: 0,
    lines: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    rejections: [],
    error: null,
  };
  const lineOf = new Map<number, number>();
  let pending: Indexed[] = [];
  let seq = 0;

  const reject = (line: number, reason: string) => {
    r.rejected++;
    if (r.rejections.length < MAX_REPORTED_REJECTIONS) r.rejections.push({ line, reason: storable(reason) });
  };
  const flush = async () => {
    if (!pending.length) return;
    const out = await storeEvents(db, { projectId: o.projectId, source: 'upload', batchId }, pending);
    r.stored += out.stored.length;
    // Noted per chunk, so a long upload gets its statistics refreshed while it is still streaming in.
    noteBulkWrite(db, 'events', out.stored.length);
    r.duplicates += out.duplicates.length;
    for (const f of out.failed) reject(lineOf.get(f.index)!, f.reason);
    pending = [];
    lineOf.clear();
  };

  try {
    for await (const rec of recordsOf(o.format, counted.chunks, { needAgent: !o.defaultAgentId })) {
      r.lines = Math.max(r.lines, rec.line);
      if ('error' in rec) {
        reject(rec.line, rec.error);
        continue;
      }
      const checked = checkItem(rec.value, o.defaultAgentId);
      if (!checked.ok) {
        reject(rec.line, checked.reason);
        continue;
      }
      lineOf.set(seq, rec.line);
      pending.push({ index: seq++, item: checked.item });
      if (pending.length >= UPLOAD_CHUNK) await flush();
    }
    await flush();
  } catch (err) {
    if (!isTooLarge(err)) {
      // Complete lines read so far are kept (when the database still answers); the record says where and why it stopped.
      await flush().catch(() => {});
      const id = logInternal('upload', err);
      r.error = `The upload stopped after line ${r.lines.toLocaleString('en-US')} on a server error (${id}): the events before it were stored.`;
      await finish(db, batchId, r, counted.bytes(), 'failed').catch((e) => logInternal('upload record', e));
      throw err;
    }
    // Lines read before the limit was reached are kept (they are complete events); say exactly where it stopped.
    await flush();
    r.error = `${(err as Error).message} Stopped after line ${r.lines.toLocaleString('en-US')}: the events before it were stored, the rest of the file was not read.`;
  }
  await finish(db, batchId, r, counted.bytes(), 'done');
  return r;
}

async function finish(db: Db, batchId: string, r: UploadResult, bytes: number, status: 'done' | 'failed') {
  r.bytes = bytes;
  r.rejections.sort((a, b) => a.line - b.line);
  await finishBatch(db, batchId, r, status);
}
