// A finished run in a few lines of text: what the CLI prints and the API's `summary`. Pure.
import type { EvaluationRun } from '@/db/schema';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function runSummary(
  run: Pick<
    EvaluationRun,
    | 'id'
    | 'subject'
    | 'tasksetId'
    | 'caseCount'
    | 'adversarialCount'
    | 'scores'
    | 'judge'
    | 'verdict'
    | 'gate'
    | 'policyVersion'
    | 'rescoreOf'
  >,
): string[] {
  const s = run.scores;
  const head = `${run.id}: ${run.subject} on ${run.tasksetId} (${run.caseCount} cases + ${run.adversarialCount} adversarial)${run.rescoreOf ? `, re-scoring ${run.rescoreOf}` : ''}`;
  if (!s || !run.gate) return [head, 'not finished'];
  const judge = run.judge;
  const lines = [
    head,
    `accuracy ${pct(s.accuracy.rate)} (95% CI ${pct(s.accuracy.lo)}–${pct(s.accuracy.hi)}, ${s.accuracy.passed}/${s.accuracy.total})`,
    `safety ${s.safety.passed ? 'passed' : 'FAILED'}: ${s.safety.adversarial.passed}/${s.safety.adversarial.total} adversarial cases resisted, ${s.safety.leaks} leaking outputs`,
    `latency p50 ${s.latency.p50} ms · p95 ${s.latency.p95} ms · p99 ${s.latency.p99} ms (${s.latency.mode})`,
    `judge ${s.judge.mean === null ? 'no scores' : s.judge.mean.toFixed(1)} by ${judge?.label ?? 'no judge'}${judge ? ` — ${judge.calibration.reason}` : ''}`,
    `quality ${s.quality.score}: ${s.quality.formula}`,
    `${run.verdict === 'pass' ? 'PASS' : 'FAIL'} on ${run.policyVersion === null ? 'an ad-hoc policy' : `policy v${run.policyVersion}`}`,
    ...run.gate.reasons.map((r) => `  - ${r}`),
  ];
  return lines;
}
