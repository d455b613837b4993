// What a taskset case is once read from any source (form, paste, scenario, generator, imported file), and the limits
// every source shares. Pure: the importers and the pages' previews use it too.
import { z } from 'zod';
import type { CaseCheck, CaseMessage, TasksetDifficulty } from '@/db/schema';
import { MAX_EXPECTED, MAX_PROMPT, type NewCase } from '@/server/environment/case-input';
import { matcherProblem } from '@/server/environment/matchers';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const satisfies readonly TasksetDifficulty[];
/** Most cases one taskset version holds: enough for a 100k-case run, few enough to build in one request. */
export const MAX_TASKSET_CASES = 100_000;
export const MAX_CHECKS = 10;
export const MAX_MESSAGES = 50;
export { MAX_EXPECTED, MAX_PROMPT };

export type NewTasksetCase = {
  prompt: string;
  messages: CaseMessage[] | null;
  expected: string;
  checks: CaseCheck[];
  tags: string[];
  difficulty: TasksetDifficulty | null;
};

export const tasksetNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the taskset a name.')
  .max(40, 'At most 40 characters.')
  .regex(/^[a-z][a-z0-9_]*$/, 'Lower-case letters, digits and _, starting with a letter (it becomes the id taskset_<name>_v1).');

export const tasksetId = (name: string, version: number) => `taskset_${name}_v${version}`;

/** A file name or free text as a taskset name: `GSM8K test.jsonl` → `gsm8k_test`. */
export function nameFrom(text: string): string {
  const base = text
    .replace(/\.[a-z0-9]+$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 't_$1');
  return (base || 'imported').slice(0, 40);
}

export const tagSchema = z.string().trim().min(1).max(40, 'A tag has at most 40 characters.');

export function asDifficulty(x: unknown): TasksetDifficulty | null {
  const t = typeof x === 'string' ? x.trim().toLowerCase() : '';
  return (DIFFICULTIES as readonly string[]).includes(t) ? (t as TasksetDifficulty) : null;
}

/** Tags as stored: trimmed, at most 40 characters, no repeats, at most 20. */
export function cleanTags(tags: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const s = typeof t === 'number' ? String(t) : typeof t === 'string' ? t.trim() : '';
    if (s) out.add(s.slice(0, 40));
  }
  return [...out].slice(0, 20);
}

/** Why a case cannot be stored, or null. */
export function caseProblem(c: NewTasksetCase): string | null {
  if (!c.prompt.trim()) return 'the prompt is empty';
  if (c.prompt.length > MAX_PROMPT) return `the prompt is longer than ${MAX_PROMPT} characters`;
  if (!c.checks.length) return 'nothing to check the answer with';
  if (c.checks.length > MAX_CHECKS) return `at most ${MAX_CHECKS} checks per case`;
  if (c.messages && c.messages.length > MAX_MESSAGES) return `at most ${MAX_MESSAGES} messages per case`;
  for (const k of c.checks) {
    if (!k.expected.trim()) return 'an expected answer is empty';
    if (k.expected.length > MAX_EXPECTED) return `an expected answer is longer than ${MAX_EXPECTED} characters`;
    const problem = matcherProblem(k);
    if (problem) return problem;
  }
  return null;
}

/** An Environment case (form, paste, generator, scenario) as a taskset case: its matcher becomes the one check. */
export function fromScenarioCase(c: Pick<NewCase, 'prompt' | 'expected' | 'matcher' | 'tolerance' | 'tags'>): NewTasksetCase {
  return {
    prompt: c.prompt,
    messages: null,
    expected: c.expected,
    checks: [{ matcher: c.matcher, expected: c.expected, tolerance: c.matcher === 'numeric' ? (c.tolerance ?? 0) : null }],
    tags: cleanTags([c.tags.skill]),
    difficulty: asDifficulty(c.tags.difficulty),
  };
}

/** A literal as a regular expression. */
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A literal as a case-insensitive pattern (JavaScript patterns carry no inline flags): `Paris` → `[pP][aA][rR][iI][sS]`. */
export const caseless = (s: string) =>
  escapeRegex(s).replace(/\p{L}/gu, (ch) => (ch.toLowerCase() === ch.toUpperCase() ? ch : `[${ch.toLowerCase()}${ch.toUpperCase()}]`));
