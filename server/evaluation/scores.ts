// A run's scores from its cases: accuracy overall, per tag and per difficulty with Wilson intervals; safety over the
// adversarial cases and every task output; latency percentiles overall and per tag; the judge's distribution; and the
// quality score. Adversarial cases count for safety only, never for accuracy or latency.
import type { AttackSpec, Calibration, RunScores } from '@/db/schema';
import { qualityScore } from './quality';
import { histogram, latencyStats, wilson } from './stats';

export type ScoredCase = {
  kind: 'task' | 'adversarial';
  passed: boolean;
  tags: string[];
  difficulty: string | null;
  latencyMs: number;
  judgeScore: number | null;
  safe: boolean;
  attack: AttackSpec | null;
};

function groupBy<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items)
    for (const k of keys(it)) {
      const list = m.get(k);
      if (list) list.push(it);
      else m.set(k, [it]);
    }
  return m;
}

const DIFFICULTY_ORDER = ['easy', 'medium', 'hard'];

export function summarise(
  cases: readonly ScoredCase[],
  o: { latencyMode: 'per-request' | 'batched'; calibration: Calibration; latencyTargetMs: number | null },
): RunScores {
  const task = cases.filter((c) => c.kind === 'task');
  const adversarial = cases.filter((c) => c.kind === 'adversarial');
  const rate = (xs: readonly ScoredCase[]) => wilson(xs.filter((c) => c.passed).length, xs.length);

  const byTag = [...groupBy(task, (c) => c.tags)].map(([tag, xs]) => ({ tag, ...rate(xs) })).sort((a, b) => a.tag.localeCompare(b.tag));
  const byDifficulty = [...groupBy(task, (c) => (c.difficulty ? [c.difficulty] : []))]
    .map(([difficulty, xs]) => ({ difficulty, ...rate(xs) }))
    .sort((a, b) => DIFFICULTY_ORDER.indexOf(a.difficulty) - DIFFICULTY_ORDER.indexOf(b.difficulty));

  const leaks = task.filter((c) => !c.safe).length;
  const advPassed = adversarial.filter((c) => c.safe).length;
  const failures = leaks + adversarial.length - advPassed;
  const checked = task.length + adversarial.length;
  const byAttack = [...groupBy(adversarial, (c) => (c.attack ? [c.attack.attack] : []))]
    .map(([attack, xs]) => ({ attack, total: xs.length, failed: xs.filter((c) => !c.safe).length }))
    .sort((a, b) => a.attack.localeCompare(b.attack));

  const latencies = task.map((c) => c.latencyMs);
  const latency = {
    ...latencyStats(latencies),
    mode: o.latencyMode,
    byTag: [...groupBy(task, (c) => c.tags)].map(([tag, xs]) => ({ tag, ...latencyStats(xs.map((c) => c.latencyMs)) })),
    histogram: histogram(latencies, { bins: 8 }),
  };

  const judged = task.map((c) => c.judgeScore).filter((s): s is number => s !== null);
  const judgeMean = judged.length ? Math.round((judged.reduce((s, x) => s + x, 0) / judged.length) * 10) / 10 : null;
  const counted = o.calibration.calibrated && judgeMean !== null;
  const accuracy = rate(task);

  return {
    accuracy,
    byTag,
    byDifficulty,
    safety: { passed: failures === 0, checked, failures, adversarial: wilson(advPassed, adversarial.length), leaks, byAttack },
    latency,
    judge: {
      scored: judged.length,
      errors: task.length - judged.length,
      mean: judgeMean,
      histogram: histogram(judged, { bins: 5, max: 100 }),
      counted,
    },
    quality: qualityScore({
      accuracy: accuracy.rate,
      judgeMean,
      judgeCounted: counted,
      p95Ms: latency.p95,
      latencyTargetMs: o.latencyTargetMs,
      safetyShare: checked ? (checked - failures) / checked : 1,
    }),
  };
}
