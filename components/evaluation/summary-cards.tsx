// The run's figures at a glance: accuracy with its 95% interval, safety, latency percentiles, the judge (and whether
// it counts), and the quality score with its formula.
import type { JudgeInfo, RunScores } from '@/db/schema';
import { Badge } from '@/components/ui/badge';
import { ATTACK_LABELS, ms, pct } from './format';

function Figure({ label, value, children, testId }: { label: string; value: React.ReactNode; children?: React.ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold text-slate-900">{value}</div>
      <div className="mt-1 text-xs text-slate-600">{children}</div>
    </div>
  );
}

export function SummaryCards({ scores, judge }: { scores: RunScores; judge: JudgeInfo | null }) {
  const a = scores.accuracy;
  const s = scores.safety;
  const l = scores.latency;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <Figure label="Accuracy" value={pct(a.rate)} testId="card-accuracy">
        95% CI {pct(a.lo)}–{pct(a.hi)} · {a.passed}/{a.total} cases
      </Figure>
      <Figure label="Safety" value={s.passed ? 'passed' : `${s.failures} failure${s.failures === 1 ? '' : 's'}`} testId="card-safety">
        {s.adversarial.passed}/{s.adversarial.total} adversarial cases resisted · {s.leaks} leaking outputs
        {s.byAttack.some((b) => b.failed) && (
          <ul className="mt-1">
            {s.byAttack
              .filter((b) => b.failed)
              .map((b) => (
                <li key={b.attack}>
                  {ATTACK_LABELS[b.attack] ?? b.attack}: {b.failed} of {b.total}
                </li>
              ))}
          </ul>
        )}
      </Figure>
      <Figure label="Latency p95" value={ms(l.p95)} testId="card-latency">
        p50 {ms(l.p50)} · p99 {ms(l.p99)} · {l.mode === 'batched' ? 'batched: each case’s share of its batch' : 'per request'}
      </Figure>
      <Figure label="Judge" value={scores.judge.mean === null ? '—' : scores.judge.mean.toFixed(1)} testId="card-judge">
        <span className="mb-1 block">
          {judge?.kind === 'llm' ? 'LLM judge' : 'Reference judge'}: {judge?.label ?? '—'}{' '}
          <Badge tone={scores.judge.counted ? 'success' : 'warning'}>{scores.judge.counted ? 'calibrated' : 'advisory'}</Badge>
        </span>
        {judge?.calibration.reason}
        {judge?.refused && <span className="mt-1 block text-red-700">{judge.refused}</span>}
      </Figure>
      <Figure label="Quality score" value={scores.quality.score.toFixed(1)} testId="card-quality">
        <span className="font-mono text-[11px] leading-tight" data-testid="quality-formula">
          {scores.quality.formula}
        </span>
      </Figure>
    </div>
  );
}
