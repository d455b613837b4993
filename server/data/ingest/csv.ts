// CSV uploads: a header naming the columns (`agent_id,prompt,response` plus optional `id`, `created_at`, `metadata`);
// any other column is kept in metadata. Parsed by csv-parse as the bytes stream in; a broken row is reported, not fatal.
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { RawRecord } from './raw-record';
import { DomainError } from '@/server/domain-error';

const REQUIRED = ['prompt', 'response'];

function checkHeader(header: string[], needAgent: boolean): string[] {
  const names = header.map((h) => h.trim());
  const missing = [...REQUIRED, ...(needAgent ? ['agent_id'] : [])].filter((r) => !names.includes(r));
  if (missing.length) {
    throw new DomainError(
      'bad_request',
      `Line 1: the CSV header must name the columns ${missing.map((m) => `"${m}"`).join(', ')} (found: ${names.map((n) => `"${n}"`).join(', ') || 'nothing'}).`,
    );
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new DomainError('bad_request', `Line 1: the CSV header names the column "${dup}" twice.`);
  return names;
}

/** Turns one CSV row (column → cell) into raw item fields. */
function rowToFields(row: Record<string, string>): { fields: Record<string, unknown> } | { reason: string } {
  const fields: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'metadata') {
      if (!v.trim()) continue;
      try {
        fields.metadata = JSON.parse(v);
      } catch {
        return { reason: 'the "metadata" cell is not valid JSON' };
      }
    } else if (k === 'id' || k === 'created_at' || k === 'agent_id') {
      if (v.trim()) fields[k] = v;
    } else if (k === 'prompt' || k === 'response') fields[k] = v;
    else if (v !== '') extra[k] = v;
  }
  if (Object.keys(extra).length) {
    const meta = fields.metadata;
    if (meta !== undefined && (typeof meta !== 'object' || meta === null || Array.isArray(meta)))
      return { reason: '"metadata" must be a JSON object' };
    fields.metadata = { ...extra, ...(meta as Record<string, unknown> | undefined) };
  }
  return { fields };
}

export async function* csvRecords(chunks: AsyncIterable<Uint8Array>, o: { needAgent: boolean }): AsyncGenerator<RawRecord> {
  const skipped: RawRecord[] = [];
  const parser = parse({
    bom: true,
    columns: (header: string[]) => checkHeader(header, o.needAgent),
    info: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      skipped.push({ line: (err as CsvError & { lines?: number }).lines ?? 0, error: csvReason(err) });
    },
  });
  const input = Readable.from(chunks);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  for await (const r of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* skipped.splice(0);
    // csv-parse reports the line a record ends on; a quoted cell may span lines, so name the line it starts on.
    let inner = 0;
    for (const v of Object.values(r.record)) for (let i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) inner++;
    const line = r.info.lines - inner;
    const conv = rowToFields(r.record);
    yield 'reason' in conv ? { line, error: conv.reason } : { line, value: conv.fields };
  }
  yield* skipped.splice(0);
}

function csvReason(err: CsvError): string {
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return err.message.replace(/^Invalid Record Length: /, 'wrong number of cells: ').replace(/ on line \d+$/, '');
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (the rest of the file was read as part of it)';
    default:
      return err.message.replace(/ at line \d+/, '').replace(/ on line \d+/, '');
  }
}
