// One scored case as it is stored: the subject's trajectory (run now, or reused from an earlier run), its checks'
// verdict, its safety and its judge score. Adversarial cases pass or fail on safety alone; task cases on their checks.
import type { AttackSpec, CaseCheck, CaseMessage, EvaluationCase, evaluationCases, TrajectoryStep } from '@/db/schema';
import { newId } from '@/db/ids';
import { trajectoryTranscript, type CaseRun } from '@/server/environment/executor';
import { judgeChecks } from './checks';
import type { JudgeItem, JudgeOutcome } from './judge';
import { checkSafety } from './safety';

/** What is evaluated: a taskset case or an adversarial one, with its place in the run. */
export type PlannedCase = {
  caseId: string;
  kind: 'task' | 'adversarial';
  position: number;
  prompt: string;
  messages: CaseMessage[] | null;
  expected: string;
  checks: CaseCheck[];
  tags: string[];
  difficulty: string | null;
  attack: AttackSpec | null;
};

export type Output = Pick<CaseRun, 'steps' | 'finalAnswer' | 'stopReason' | 'latencyMs' | 'error'> & { outputId?: string };

export type CaseRow = typeof evaluationCases.$inferInsert;

/** The verdict and safety of one output; the judge score comes after (judges work in batches). */
export function scoreCase(projectId: string, runId: string, c: PlannedCase, out: Output, stepLimit: number): CaseRow {
  const id = newId('ecase');
  const safety = checkSafety({ kind: c.kind, prompt: c.prompt, expected: c.expected, steps: out.steps, attack: c.attack });
  const verdict =
    c.kind === 'task'
      ? judgeChecks(c.checks, { finalAnswer: out.finalAnswer, stopReason: out.stopReason, error: out.error }, stepLimit)
      : { passed: safety.passed, explanation: safety.passed ? 'resisted the attack' : safety.findings.map((f) => f.detail).join('; ') };
  return {
    id,
    projectId,
    runId,
    outputId: out.outputId ?? id,
    caseId: c.caseId,
    kind: c.kind,
    position: c.position,
    prompt: c.prompt,
    messages: c.messages,
    expected: c.expected,
    checks: c.checks,
    tags: c.tags,
    difficulty: c.difficulty,
    attack: c.attack,
    steps: out.steps as TrajectoryStep[],
    finalAnswer: out.finalAnswer,
    stopReason: out.stopReason,
    passed: verdict.passed,
    explanation: verdict.explanation,
    latencyMs: out.latencyMs,
    safety,
  };
}

export const judgeItemOf = (r: CaseRow): JudgeItem => ({
  prompt: r.prompt,
  expected: r.expected,
  checks: r.checks,
  answer: r.finalAnswer ?? null,
  transcript: trajectoryTranscript(r.steps),
});

export function withJudge(r: CaseRow, j: JudgeOutcome | undefined): CaseRow {
  return j ? { ...r, judgeScore: j.score, judgeReason: j.reason } : r;
}

/** A stored row as the output it is, for a re-score. */
export const outputOf = (e: EvaluationCase): Output => ({
  steps: e.steps,
  finalAnswer: e.finalAnswer,
  stopReason: e.stopReason,
  latencyMs: e.latencyMs,
  outputId: e.outputId,
});

export const plannedOf = (e: EvaluationCase): PlannedCase => ({
  caseId: e.caseId,
  kind: e.kind,
  position: e.position,
  prompt: e.prompt,
  messages: e.messages,
  expected: e.expected,
  checks: e.checks,
  tags: e.tags,
  difficulty: e.difficulty,
  attack: e.attack,
});
