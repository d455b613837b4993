// An upload as a stream of numbered records: JSONL (plain items or OpenAI chat lines, told apart per line) or CSV.
import { fromChat, isChatLine } from './chat';
import { csvRecords } from './csv';
import { MAX_LINE_BYTES, splitLines } from './lines';
import { formatBytes } from './read-capped';
import { DomainError } from '@/server/domain-error';

import type { RawRecord } from './raw-record';

export type { RawRecord };

export type UploadFormat = 'jsonl' | 'csv';
export const UPLOAD_FORMATS: UploadFormat[] = ['jsonl', 'csv'];

/** The format from an explicit choice, else from the file name. */
export function formatOf(fileName: string, explicit?: string | null): UploadFormat {
  if (explicit) {
    if ((UPLOAD_FORMATS as string[]).includes(explicit)) return explicit as UploadFormat;
    throw new DomainError('bad_request', `Unknown format "${explicit}": use jsonl or csv.`);
  }
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (['jsonl', 'ndjson', 'json'].includes(ext)) return 'jsonl';
  if (ext === 'csv') return 'csv';
  throw new DomainError('bad_request', `Cannot tell the format of "${fileName}": name it .jsonl or .csv, or choose the format.`);
}

export async function* jsonlRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<RawRecord> {
  for await (const l of splitLines(chunks)) {
    if ('tooLong' in l) {
      yield { line: l.line, error: `the line is longer than ${formatBytes(MAX_LINE_BYTES)}` };
      continue;
    }
    if (!l.text.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(l.text);
    } catch (err) {
      yield { line: l.line, error: `not valid JSON (${(err as Error).message})` };
      continue;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      yield { line: l.line, error: 'expected a JSON object on this line' };
      continue;
    }
    if (isChatLine(obj)) {
      const conv = fromChat(obj as { messages: unknown } & Record<string, unknown>);
      yield conv.ok ? { line: l.line, value: conv.fields } : { line: l.line, error: conv.reason };
    } else yield { line: l.line, value: obj as Record<string, unknown> };
  }
}

export function recordsOf(format: UploadFormat, chunks: AsyncIterable<Uint8Array>, o: { needAgent: boolean }): AsyncGenerator<RawRecord> {
  return format === 'csv' ? csvRecords(chunks, o) : jsonlRecords(chunks);
}
