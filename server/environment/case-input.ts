// What a test case may be, as entered by form, paste or API: zod schema plus the defaults a case gets.
// The default matcher is `numeric` when the expected answer is a number, else `exact`, so "3+7? => 10" just works.
import 'server-only';
import { z } from 'zod';
import { caseMatcherEnum, type CaseMatcher, type CaseTags } from '@/db/schema';
import { asSentence, matcherProblem, parseNumber } from './matchers';

export const MAX_PROMPT = 2000;
export const MAX_EXPECTED = 500;
/** Most cases one scenario version holds. */
export const MAX_CASES = 5000;

export type NewCase = { prompt: string; expected: string; matcher: CaseMatcher; tolerance: number | null; tags: CaseTags };

const tagText = z.string().trim().min(1).max(40, 'At most 40 characters.');

/** The fields of a case, for schemas that embed them at top level (so form errors are keyed by field). */
export const caseFields = {
  prompt: z.string().trim().min(1, 'The prompt is empty.').max(MAX_PROMPT, `At most ${MAX_PROMPT} characters.`),
  expected: z.coerce.string().trim().min(1, 'The expected answer is empty.').max(MAX_EXPECTED, `At most ${MAX_EXPECTED} characters.`),
  matcher: z.enum(caseMatcherEnum.enumValues, 'The matcher is one of exact, numeric, regex, contains.').optional(),
  tolerance: z.number('The tolerance is a number.').min(0, 'The tolerance must be zero or more.').max(1e12).nullish(),
  tags: z.object({ difficulty: tagText.optional(), skill: tagText.optional() }).strict().optional(),
};

type CaseFields = { expected: string; matcher?: CaseMatcher; tolerance?: number | null };

/** Checks that need several fields at once: the matcher fits the expected answer, a tolerance only with numeric. */
export function refineCase(c: CaseFields, ctx: z.RefinementCtx): void {
  const matcher = c.matcher ?? defaultMatcher(c.expected);
  if (c.tolerance != null && matcher !== 'numeric')
    ctx.addIssue({ code: 'custom', path: ['tolerance'], message: 'A tolerance only applies to the numeric matcher.' });
  const problem = matcherProblem({ expected: c.expected, matcher, tolerance: c.tolerance });
  if (problem) ctx.addIssue({ code: 'custom', path: ['expected'], message: asSentence(problem) });
}

export const caseInputSchema = z.object(caseFields).strict().superRefine(refineCase);

export type CaseInput = z.input<typeof caseInputSchema>;

export const defaultMatcher = (expected: string): CaseMatcher => (parseNumber(expected) !== null ? 'numeric' : 'exact');

/** A parsed case with its defaults filled in. */
export function toNewCase(c: z.output<typeof caseInputSchema>): NewCase {
  const matcher = c.matcher ?? defaultMatcher(c.expected);
  return {
    prompt: c.prompt,
    expected: c.expected,
    matcher,
    tolerance: matcher === 'numeric' ? (c.tolerance ?? 0) : null,
    tags: c.tags ?? {},
  };
}
