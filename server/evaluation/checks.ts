// A case's verdict from its checks: the Environment's matchers (exact, numeric with tolerance, regex, contains) applied
// to the final answer, all of which must pass. Explanations come from the matchers, so a case passes or fails for the
// same reason here as in the Environment factory.
import type { CaseCheck } from '@/db/schema';
import { stopNote } from '@/server/environment/executor';
import { matchAnswer, type MatchResult } from '@/server/environment/matchers';

export function runChecks(checks: readonly CaseCheck[], answer: string | null): MatchResult {
  const results = checks.map((c) => matchAnswer(c, answer));
  const passed = results.length > 0 && results.every((r) => r.passed);
  if (results.length <= 1) return results[0] ?? { passed: false, explanation: 'the case has no checks' };
  const failed = results.filter((r) => !r.passed).length;
  const head = passed ? `all ${results.length} checks passed` : `${failed} of ${results.length} checks failed`;
  return { passed, explanation: `${head}: ${results.map((r, i) => `${checks[i]!.label ?? `#${i + 1}`} ${r.explanation}`).join('; ')}` };
}

/** runChecks plus why a missing answer is missing (step limit, failing subject), as the Environment explains it. */
export function judgeChecks(
  checks: readonly CaseCheck[],
  run: { finalAnswer: string | null; stopReason: 'answer' | 'step_limit' | 'policy_error'; error?: string },
  stepLimit: number,
): MatchResult {
  const r = runChecks(checks, run.finalAnswer);
  return run.finalAnswer === null ? { ...r, explanation: r.explanation + stopNote(run, stepLimit) } : r;
}
