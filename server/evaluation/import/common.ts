// What every importer shares: where a row came from (a line of a JSONL file, or a test's index in a YAML file), the
// rows it kept and the ones it refused with the reason, chat inputs read into messages, and targets into checks.
import type { CaseCheck, CaseMessage } from '@/db/schema';
import { parseNumber } from '@/server/environment/matchers';
import { asDifficulty, caseless, caseProblem, cleanTags, escapeRegex, MAX_TASKSET_CASES, type NewTasksetCase } from '../taskset-input';

export const IMPORT_FORMATS = ['openai-evals', 'promptfoo', 'inspect'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** 1-based: `line` for JSONL files, `index` (the test's position) for promptfoo's YAML. */
export type RowRef = { line: number } | { index: number };
export type Rejection = RowRef & { reason: string };
export type ImportResult = { cases: (RowRef & { value: NewTasksetCase })[]; rejected: Rejection[]; warnings: Rejection[] };

export const emptyResult = (): ImportResult => ({ cases: [], rejected: [], warnings: [] });

export class RowError extends Error {}

/** Keeps a case that stores, else records why not. */
export function keep(out: ImportResult, at: RowRef, value: NewTasksetCase): void {
  const problem = caseProblem(value);
  if (problem) out.rejected.push({ ...at, reason: problem });
  else if (out.cases.length >= MAX_TASKSET_CASES)
    out.rejected.push({ ...at, reason: `a taskset holds at most ${MAX_TASKSET_CASES} cases` });
  else out.cases.push({ ...at, value });
}

/** Each non-blank line of a JSONL text, parsed; a line that is not a JSON object is refused with its number. */
export function* jsonLines(text: string, out: ImportResult): Generator<{ line: number; row: Record<string, unknown> }> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!t) continue;
    let row: unknown;
    try {
      row = JSON.parse(t);
    } catch (err) {
      out.rejected.push({ line: i + 1, reason: `not valid JSON (${(err as Error).message})` });
      continue;
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      out.rejected.push({ line: i + 1, reason: 'expected a JSON object' });
      continue;
    }
    yield { line: i + 1, row: row as Record<string, unknown> };
  }
}

const ROLES: Record<string, CaseMessage['role']> = { system: 'system', developer: 'system', user: 'user', assistant: 'assistant' };

/** Message content as text: a string, or OpenAI's list of parts (only text parts can be evaluated here). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => {
        if (typeof p === 'string') return p;
        if (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string') return (p as { text: string }).text;
        throw new RowError(`a message part of type "${(p as { type?: string })?.type ?? typeof p}" is not text`);
      })
      .join('');
  }
  throw new RowError('a message has no text content');
}

/** `input` as the prompt (the last user message) and, for a conversation, the messages. */
export function readInput(input: unknown, field = 'input'): { prompt: string; messages: CaseMessage[] | null } {
  if (typeof input === 'string') return { prompt: input, messages: null };
  if (!Array.isArray(input)) throw new RowError(`"${field}" must be a string or a list of chat messages`);
  const messages = input.map((m, i) => {
    if (!m || typeof m !== 'object') throw new RowError(`${field}[${i}] is not a message object`);
    const role = ROLES[String((m as { role?: unknown }).role)];
    if (!role)
      throw new RowError(`${field}[${i}] has role "${String((m as { role?: unknown }).role)}"; expected system, user or assistant`);
    return { role, content: contentText((m as { content?: unknown }).content) };
  });
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (!last) throw new RowError(`"${field}" has no user message`);
  return { prompt: last.content, messages };
}

/** A target's answers: one string (or number), or a list of acceptable ones. */
export function readTargets(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out = list.map((v) => {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string' && v.trim()) return v.trim();
    throw new RowError(value === undefined ? `missing "${field}"` : `"${field}" must be a non-empty string or a list of them`);
  });
  if (!out.length) throw new RowError(`"${field}" is an empty list`);
  return out;
}

/**
 * Checks for one or more acceptable answers. A number is matched numerically (tolerance 0); text by `textMode`:
 * `starts-with` (OpenAI Evals' Match: the answer begins with the ideal) or `contains-caseless` (Inspect's includes).
 * Several acceptable answers become one pattern that accepts any of them.
 */
export function targetChecks(targets: string[], textMode: 'starts-with' | 'contains-caseless'): CaseCheck[] {
  if (targets.length === 1) {
    const t = targets[0]!;
    if (parseNumber(t) !== null) return [{ matcher: 'numeric', expected: t, tolerance: 0 }];
    return textMode === 'starts-with'
      ? [{ matcher: 'regex', expected: `^${escapeRegex(t)}`, tolerance: null, label: `starts with "${t}"` }]
      : [{ matcher: 'contains', expected: t, tolerance: null }];
  }
  const numeric = targets.every((t) => parseNumber(t) !== null);
  const alternatives = targets.map((t) => (textMode === 'starts-with' ? escapeRegex(t) : caseless(t))).join('|');
  const pattern = textMode === 'starts-with' || numeric ? `^(?:${alternatives})${numeric ? '(?![\\d.])' : ''}` : `(?:${alternatives})`;
  return [{ matcher: 'regex', expected: pattern, tolerance: null, label: `any of ${targets.map((t) => JSON.stringify(t)).join(', ')}` }];
}

/** Tags and difficulty from a row's metadata: `difficulty`, `tags` (list or text), `category`, `subject`, `skill`. */
export function metadataTags(metadata: unknown): { tags: string[]; difficulty: NewTasksetCase['difficulty'] } {
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return { tags: [], difficulty: null };
  const m = metadata as Record<string, unknown>;
  const tags = [...(Array.isArray(m.tags) ? m.tags : typeof m.tags === 'string' ? m.tags.split(',') : []), m.category, m.subject, m.skill];
  return { tags: cleanTags(tags.filter((t) => t !== undefined)), difficulty: asDifficulty(m.difficulty) };
}

export const describe = (err: unknown) => (err instanceof RowError ? err.message : `unreadable (${(err as Error).message})`);
