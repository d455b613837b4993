// How a final answer is judged against a case's expected answer, with an explanation a person can read.
//   exact:    trimmed answer equals the expected text (case-sensitive)
//   numeric:  answer is a number within ±tolerance of the expected number (plain numbers only: "70", "-3.5", "1,200")
//   regex:    the expected text is a JavaScript regular expression the trimmed answer must match
//   contains: the answer contains the expected text, ignoring case
import type { CaseMatcher } from '@/db/schema';

export type MatchSpec = { expected: string; matcher: CaseMatcher; tolerance?: number | null };
export type MatchResult = { passed: boolean; explanation: string };

/** Reads a plain number ("70", "-3.5", "1,200", "+4"); null for anything else. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/−/g, '-');
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** A matcherProblem clause as a message of its own. */
export const asSentence = (problem: string) => problem.charAt(0).toUpperCase() + problem.slice(1) + '.';

/** Why a case's matcher settings cannot work (used on input and by the validator); null when they can. */
export function matcherProblem(spec: MatchSpec): string | null {
  if (spec.matcher === 'numeric') {
    if (parseNumber(spec.expected) === null) return `the numeric matcher needs a number as expected answer, got "${spec.expected}"`;
    if (spec.tolerance != null && !(spec.tolerance >= 0 && Number.isFinite(spec.tolerance))) return 'the tolerance must be zero or more';
  }
  if (spec.matcher === 'regex') {
    try {
      new RegExp(spec.expected);
    } catch (err) {
      return `the expected answer is not a valid regular expression: ${(err as Error).message}`;
    }
  }
  return null;
}

const show = (s: string) => (s.length > 80 ? `${JSON.stringify(s.slice(0, 77))}…` : JSON.stringify(s));

export function matchAnswer(spec: MatchSpec, answer: string | null): MatchResult {
  const label = describeMatcher(spec);
  if (answer === null) return { passed: false, explanation: `expected ${spec.expected} (${label}), got no final answer` };
  const got = answer.trim();
  switch (spec.matcher) {
    case 'exact': {
      const passed = got === spec.expected.trim();
      return { passed, explanation: `expected ${show(spec.expected.trim())} (${label}), got ${show(got)}` };
    }
    case 'numeric': {
      const want = parseNumber(spec.expected);
      const n = parseNumber(got);
      if (want === null) return { passed: false, explanation: `expected answer "${spec.expected}" is not a number` };
      if (n === null) return { passed: false, explanation: `expected ${spec.expected.trim()} (${label}), got ${show(got)} (not a number)` };
      // A hair of slack beyond the tolerance absorbs binary rounding (0.1+0.2 vs 0.3) without admitting real misses.
      const passed = Math.abs(n - want) <= (spec.tolerance ?? 0) + 1e-9 * Math.max(1, Math.abs(want));
      return { passed, explanation: `expected ${spec.expected.trim()} (${label}), got ${got}` };
    }
    case 'regex': {
      let passed = false;
      try {
        passed = new RegExp(spec.expected).test(got);
      } catch (err) {
        return { passed: false, explanation: `invalid regular expression: ${(err as Error).message}` };
      }
      return { passed, explanation: `expected a match of /${spec.expected}/ (${label}), got ${show(got)}` };
    }
    case 'contains': {
      const passed = got.toLowerCase().includes(spec.expected.trim().toLowerCase());
      return { passed, explanation: `expected text containing ${show(spec.expected.trim())} (${label}), got ${show(got)}` };
    }
  }
}

export function describeMatcher(spec: Pick<MatchSpec, 'matcher' | 'tolerance'>): string {
  if (spec.matcher === 'numeric') return `numeric ±${spec.tolerance ?? 0}`;
  if (spec.matcher === 'contains') return 'contains, ignoring case';
  return spec.matcher;
}
