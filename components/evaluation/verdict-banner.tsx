// The verdict of a run at the top of its report: PASS or FAIL, every reason, the policy version it was judged under,
// and a warning when that policy is no longer the current one (the verdict then no longer counts for deployment).
import type { GateReport } from '@/db/schema';

export function VerdictBanner({
  verdict,
  gate,
  policyVersion,
  currentPolicyVersion,
  stale,
}: {
  verdict: 'pass' | 'fail' | null;
  gate: GateReport | null;
  policyVersion: number | null;
  currentPolicyVersion: number;
  stale: boolean;
}) {
  if (!verdict || !gate) return null;
  const pass = verdict === 'pass';
  return (
    <section
      role="status"
      data-testid="verdict-banner"
      data-verdict={verdict}
      className={`rounded-lg border px-5 py-4 ${pass ? 'border-emerald-300 bg-emerald-50' : 'border-red-300 bg-red-50'}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className={`text-2xl font-bold tracking-tight ${pass ? 'text-emerald-800' : 'text-red-800'}`}>{pass ? 'PASS' : 'FAIL'}</h2>
        <span className="text-sm text-slate-600">
          {policyVersion === null
            ? 'judged on an ad-hoc policy (command line); it does not count for deployment'
            : `judged under gate policy v${policyVersion}`}
        </span>
      </div>
      {gate.reasons.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-900" aria-label="Reasons">
          {gate.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Rules">
        {gate.rules.map((r) => (
          <li key={r.rule}>
            {r.passed ? '✓' : '✗'} {r.detail}
          </li>
        ))}
      </ul>
      {stale && policyVersion !== null && (
        <p className="mt-2 text-sm font-medium text-amber-800" data-testid="verdict-stale">
          The policy is now v{currentPolicyVersion}: this verdict no longer allows a deploy. Re-score the run (no model call) for a verdict
          on the current policy.
        </p>
      )}
    </section>
  );
}
