'use client';
// A validation report: each check's outcome, the baseline's pass rate over the runs, and every finding with its case.
import type { ValidationReport } from '@/db/schema';
import { Badge, type Tone } from '@/components/ui/badge';
import { pct } from './format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

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
        <Table aria-label="Findings">
          <THead>
            <Th>Severity</Th>
            <Th>Check</Th>
            <Th>Case</Th>
            <Th>Finding</Th>
          </THead>
          <tbody>
            {report.findings.map((f, i) => (
              <Tr key={i} data-severity={f.severity}>
                <Td>
                  <Badge tone={f.severity === 'error' ? 'danger' : 'warning'}>{f.severity}</Badge>
                </Td>
                <Td className="text-slate-600">{CHECK_LABEL[f.check] ?? f.check}</Td>
                <Td className="text-slate-600">{f.position ? `#${f.position}` : 'scenario'}</Td>
                <Td>{f.message}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
