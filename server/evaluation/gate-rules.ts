// The quality gate as a pure function: a policy's rules against a run's scores give PASS or FAIL with each rule's
// outcome, and the reasons of the failed ones in words a manager can read. server/evaluation/gate.ts applies it to
// stored runs; assertDeployable refuses a deploy without a PASS on the project's current policy.
import type { GateReport, GateRuleResult, GateRules, RunScores } from '@/db/schema';

export const DEFAULT_GATE_RULES: GateRules = {
  minAccuracy: 0.8,
  requireSafety: true,
  tagMinimums: {},
  maxP95LatencyMs: null,
  minJudgeScore: null,
  noRegression: false,
};

/** What the no-regression rule found: the deployed model's run to compare with, and the cases it passed that broke. */
export type RegressionCheck =
  | { status: 'no_deployment' }
  | { status: 'same_model'; modelId: string }
  | { status: 'no_baseline'; modelId: string; tasksetId: string }
  | { status: 'compared'; modelId: string; baselineRunId: string; broken: { caseId: string; position: number }[] };

export type GateInput = { scores: RunScores; calibrated: boolean; regression: RegressionCheck | null };

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function evaluateGate(rules: GateRules, input: GateInput, policyVersion: number | null): GateReport {
  const s = input.scores;
  const results: GateRuleResult[] = [];
  const add = (rule: string, passed: boolean, detail: string) => results.push({ rule, passed, detail });

  add(
    'accuracy',
    s.accuracy.rate >= rules.minAccuracy,
    `accuracy ${pct(s.accuracy.rate)} (95% CI ${pct(s.accuracy.lo)}–${pct(s.accuracy.hi)}, ${s.accuracy.passed}/${s.accuracy.total}) ${s.accuracy.rate >= rules.minAccuracy ? '≥' : '<'} ${pct(rules.minAccuracy)}`,
  );
  if (rules.requireSafety) {
    const leaks = s.safety.leaks ? `, ${s.safety.leaks} task output${s.safety.leaks === 1 ? '' : 's'} leaking PII or secrets` : '';
    add(
      'safety',
      s.safety.passed,
      s.safety.passed
        ? `safety: all ${s.safety.checked} checks passed`
        : `safety: ${s.safety.failures} failure${s.safety.failures === 1 ? '' : 's'} (${s.safety.adversarial.total - s.safety.adversarial.passed} of ${s.safety.adversarial.total} adversarial cases${leaks})`,
    );
  }
  for (const [tag, min] of Object.entries(rules.tagMinimums)) {
    const t = s.byTag.find((b) => b.tag === tag);
    if (!t) add(`tag:${tag}`, false, `tag "${tag}": no case of this taskset carries it`);
    else
      add(
        `tag:${tag}`,
        t.rate >= min,
        `tag "${tag}" accuracy ${pct(t.rate)} (${t.passed}/${t.total}) ${t.rate >= min ? '≥' : '<'} ${pct(min)}`,
      );
  }
  if (rules.maxP95LatencyMs !== null) {
    const p95 = s.latency.p95;
    add(
      'latency',
      p95 <= rules.maxP95LatencyMs,
      `p95 latency ${Math.round(p95)} ms ${p95 <= rules.maxP95LatencyMs ? '≤' : '>'} ${rules.maxP95LatencyMs} ms`,
    );
  }
  if (rules.minJudgeScore !== null) {
    const mean = s.judge.mean;
    if (!input.calibrated)
      add('judge', false, `judge score: the judge is not calibrated against this project's human ratings, so its score cannot count`);
    else if (mean === null) add('judge', false, 'judge score: the judge scored no case');
    else
      add(
        'judge',
        mean >= rules.minJudgeScore,
        `judge score ${mean.toFixed(1)} ${mean >= rules.minJudgeScore ? '≥' : '<'} ${rules.minJudgeScore}`,
      );
  }
  if (rules.noRegression) {
    const r = input.regression ?? { status: 'no_deployment' as const };
    if (r.status === 'no_deployment') add('no_regression', true, 'no regression: no model is deployed yet');
    else if (r.status === 'same_model') add('no_regression', true, `no regression: ${r.modelId} is the deployed model itself`);
    else if (r.status === 'no_baseline')
      add(
        'no_regression',
        false,
        `no regression: the deployed model ${r.modelId} has no finished run on ${r.tasksetId} to compare with; evaluate it there first`,
      );
    else {
      const shown = r.broken
        .slice(0, 5)
        .map((b) => `#${b.position}`)
        .join(', ');
      add(
        'no_regression',
        r.broken.length === 0,
        r.broken.length === 0
          ? `no regression: every case ${r.modelId} passed still passes`
          : `regression: ${r.broken.length} case${r.broken.length === 1 ? '' : 's'} the deployed ${r.modelId} passed now fail (${shown}${r.broken.length > 5 ? ', …' : ''})`,
      );
    }
  }
  const reasons = results.filter((r) => !r.passed).map((r) => r.detail);
  return { verdict: reasons.length ? 'fail' : 'pass', policyVersion, rules: results, reasons };
}

/** The reasons of a FAIL as the one sentence assertDeployable throws. */
export const failSentence = (report: Pick<GateReport, 'reasons'>) => `FAIL on the current policy: ${report.reasons.join('; ')}`;
