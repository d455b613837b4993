'use client';
// A validation report: each check's outcome, the baseline's pass rate over the runs, and every finding with its case.
import type { ValidationReport } from '@/db/schema';
import { Badge, type Tone } from '@/components/ui/badge';
import { pct } from './format';

const OUTCOME_TONE: Record<string, Tone> = { passed: 'success', failed: 'danger', warnings: 'warning', skipped: 'neutral' };
const CHECK_LABEL: Record<string, string> = {
  well_formed: 'Well-formed',
  unique: 'Unique',
  reference: 'Reference answers',
  tools: 'Tools',
  stability: 'Stability',
};

export function ValidationReportView({ report }: { report: ValidationReport }) {
  const { stability } = report;
  return (
    <div className="grid gap-5" data-testid="validation-report">
      <ul className="grid gap-2">
        {report.checks.map((c) => (
          <li key={c.check} className="flex items-start gap-3 text-sm" data-check={c.check} data-outcome={c.outcome}>
            <span className="w-36 shrink-0 font-medium text-slate-800">{CHECK_LABEL[c.check] ?? c.check}</span>
            <Badge tone={OUTCOME_TONE[c.outcome]}>{c.outcome}</Badge>
            <span className="text-slate-600">{c.summary}</span>
          </li>
        ))}
      </ul>
      <div className="text-sm">
        <h3 className="mb-1 font-medium text-slate-800">Baseline over {stability.runs} runs</h3>
        <div className="flex flex-wrap gap-2">
          {stability.passRates.map((r, i) => (
            <span key={i} className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700">
              seed {stability.seeds[i]}: {pct(r)}
            </span>
          ))}
          <span className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700">spread {pct(stability.spread)}</span>
        </div>
      </div>
      {report.findings.length === 0 ? (
        <p className="text-sm text-emerald-700">No findings: every check passed.</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Findings">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-3">Severity</th>
              <th className="py-2 pr-3">Check</th>
              <th className="py-2 pr-3">Case</th>
              <th className="py-2">Finding</th>
            </tr>
          </thead>
          <tbody>
            {report.findings.map((f, i) => (
              <tr key={i} className="border-b border-slate-100 align-top" data-severity={f.severity}>
                <td className="py-2 pr-3">
                  <Badge tone={f.severity === 'error' ? 'danger' : 'warning'}>{f.severity}</Badge>
                </td>
                <td className="py-2 pr-3 text-slate-600">{CHECK_LABEL[f.check] ?? f.check}</td>
                <td className="py-2 pr-3 text-slate-600">{f.position ? `#${f.position}` : 'scenario'}</td>
                <td className="py-2">{f.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
