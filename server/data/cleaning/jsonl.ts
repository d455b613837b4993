// Cleaning JSONL files line by line (the CLI's `data redact` and `data clean`): the same pipeline as the job, streamed,
// with backpressure on the output; a malformed line is reported with its number and the rest goes on.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CleanConfig } from './config';
import { Cleaner } from './pipeline';
import { redact } from './pii/detect';
import { ReportBuilder } from './report';

type Json = Record<string, unknown>;
export type Malformed = { line: number; error: string };

async function* jsonLines(input: Readable): AsyncGenerator<{ line: number; value: Json } | Malformed> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, error: `not JSON (${(err as Error).message})` };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) yield { line, error: 'not a JSON object' };
    else yield { line, value: value as Json };
  }
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export type RedactSummary = { lines: number; written: number; redacted: number; entities: number; malformed: Malformed[] };

/** Each `{"text": …}` line comes out with `text` redacted and `entities` found in the original; other fields stay. */
export async function redactJsonl(
  input: Readable,
  output: Writable,
  onMalformed: (m: Malformed) => void = () => {},
): Promise<RedactSummary> {
  const s: RedactSummary = { lines: 0, written: 0, redacted: 0, entities: 0, malformed: [] };
  for await (const item of jsonLines(input)) {
    s.lines = Math.max(s.lines, item.line);
    if ('error' in item) {
      s.malformed.push(item);
      onMalformed(item);
      continue;
    }
    if (typeof item.value.text !== 'string') {
      const m = { line: item.line, error: '"text" is missing or not a string' };
      s.malformed.push(m);
      onMalformed(m);
      continue;
    }
    const r = redact(item.value.text);
    if (r.entities.length) s.redacted++;
    s.entities += r.entities.length;
    await write(output, JSON.stringify({ ...item.value, text: r.text, entities: r.entities }) + '\n');
    s.written++;
  }
  return s;
}

export type DroppedLine = {
  line: number;
  id: string | number | null;
  reason: string;
  detail: string | null;
  duplicateOf: { line: number; id: string | number | null } | null;
};

export type CleanFileReport = {
  lines: number;
  events: number;
  kept: number;
  filtered: number;
  /** Events per outcome: `kept` and each filter reason. */
  counts: Record<string, number>;
  /** Redacted spans per PII type (kept and duplicate events). */
  entities: Record<string, number>;
  dropped: DroppedLine[];
  malformed: Malformed[];
  config: CleanConfig;
};

/**
 * Events (`{id?, agent_id, prompt, response, …}`) in, kept events out, redacted, every other field (the `id` too) as
 * it was. The report names each dropped line with its number, id and reason, and each malformed line.
 */
export async function cleanJsonl(input: Readable, output: Writable, config: Partial<CleanConfig> = {}): Promise<CleanFileReport> {
  const cleaner = new Cleaner(config);
  const report = new ReportBuilder(0);
  const ids = new Map<string, { line: number; id: string | number | null }>();
  const dropped: DroppedLine[] = [];
  const malformed: Malformed[] = [];
  let lines = 0;
  let count = 0;
  for await (const item of jsonLines(input)) {
    lines = Math.max(lines, item.line);
    if ('error' in item) {
      malformed.push(item);
      continue;
    }
    const { value, line } = item;
    const problem =
      typeof value.prompt !== 'string'
        ? '"prompt" is missing or not a string'
        : typeof value.response !== 'string'
          ? '"response" is missing or not a string'
          : value.id !== undefined && typeof value.id !== 'string' && typeof value.id !== 'number'
            ? '"id" must be a string or a number'
            : null;
    if (problem) {
      malformed.push({ line, error: problem });
      continue;
    }
    count++;
    // Lines, not client ids, name events inside the pipeline: a file may repeat an id.
    const key = `#${line}`;
    const id = (value.id as string | number | undefined) ?? null;
    ids.set(key, { line, id });
    const event = { id: key, prompt: value.prompt as string, response: value.response as string };
    const v = cleaner.clean(event);
    report.add(event, v);
    if (v.status === 'kept') {
      await write(output, JSON.stringify({ ...value, prompt: v.prompt, response: v.response }) + '\n');
    } else {
      dropped.push({ line, id, reason: v.reason!, detail: v.detail, duplicateOf: v.duplicateOf ? ids.get(v.duplicateOf)! : null });
      // Only originals can be pointed at; a dropped line's name is no longer needed.
      ids.delete(key);
    }
  }
  return {
    lines,
    events: count,
    kept: report.kept,
    filtered: report.filtered,
    counts: report.counts,
    entities: report.entities,
    dropped,
    malformed,
    config: cleaner.config,
  };
}
