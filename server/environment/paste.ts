// Reads many test cases pasted at once: one per line, either a JSON object {prompt, expected, matcher?, tolerance?, tags?}
// or `prompt => expected`. Good lines are kept and bad ones reported with their line number, so one typo never
// costs the rest of the paste. Blank lines and lines starting with # are skipped.
import { caseInputSchema, toNewCase, type NewCase } from './case-input';

export const MAX_PASTE_LINES = 2000;

export type LineError = { line: number; message: string };
export type PastedCases = { cases: { line: number; value: NewCase }[]; errors: LineError[] };

export function parsePastedCases(text: string): PastedCases {
  const lines = text.split(/\r?\n/);
  const out: PastedCases = { cases: [], errors: [] };
  const firstLineOf = new Map<string, number>();
  if (lines.length > MAX_PASTE_LINES) {
    out.errors.push({
      line: MAX_PASTE_LINES + 1,
      message: `at most ${MAX_PASTE_LINES} lines at once; the lines from here on were not read`,
    });
  }
  lines.slice(0, MAX_PASTE_LINES).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const parsed = parseLine(t);
    if ('error' in parsed) return out.errors.push({ line, message: parsed.error });
    const earlier = firstLineOf.get(parsed.value.prompt);
    if (earlier !== undefined) return out.errors.push({ line, message: `repeats the prompt of line ${earlier}` });
    firstLineOf.set(parsed.value.prompt, line);
    out.cases.push({ line, value: parsed.value });
  });
  return out;
}

function parseLine(t: string): { value: NewCase } | { error: string } {
  let candidate: unknown;
  if (t.startsWith('{')) {
    try {
      candidate = JSON.parse(t);
    } catch (err) {
      return { error: `not valid JSON (${(err as Error).message})` };
    }
  } else {
    const at = t.lastIndexOf('=>');
    if (at < 0) return { error: 'expected "prompt => expected answer" or a JSON object' };
    candidate = { prompt: t.slice(0, at), expected: t.slice(at + 2) };
  }
  const r = caseInputSchema.safeParse(candidate);
  if (!r.success) {
    return { error: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') };
  }
  return { value: toNewCase(r.data) };
}
