'use client';
// A model line's runs over time: accuracy, safety and judge (0–100) on one chart, p95 latency on its own axis.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { SeriesChart } from '@/components/charts/series-chart';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorLine } from '@/components/ui/list-state';
import { SelectField } from '@/components/ui/select-field';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ms, pct, verdictLabel, verdictTone } from './format';

export function TrendView({ projectId, initialLine }: { projectId: string; initialLine?: string }) {
  const trpc = useTRPC();
  const lines = useQuery(trpc.evaluation.reports.lines.queryOptions({ projectId }));
  const [picked, setPicked] = useState(initialLine ?? '');
  const line = picked || lines.data?.[0]?.line || '';
  const trend = useQuery({ ...trpc.evaluation.reports.trend.queryOptions({ projectId, line }), enabled: !!line });
  if (lines.error) return <ErrorLine message={lines.error.message} />;
  if (!lines.data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!lines.data.length)
    return (
      <EmptyState title="No runs to follow yet">
        Each evaluated model line (every model trained under one name) gets a trend here.
      </EmptyState>
    );
  const points = trend.data?.points ?? [];
  const quality = points.flatMap((p) => [
    { name: 'accuracy %', step: p.n, value: Math.round(p.accuracy * 1000) / 10 },
    { name: 'safety %', step: p.n, value: Math.round(p.safetyRate * 1000) / 10 },
    ...(p.judgeMean !== null ? [{ name: 'judge', step: p.n, value: p.judgeMean }] : []),
  ]);
  const latency = points.map((p) => ({ name: 'p95 ms', step: p.n, value: p.p95LatencyMs }));
  return (
    <div className="grid gap-6" data-testid="trend-view">
      <div className="max-w-md" data-print="hide">
        <SelectField
          id="trend-line"
          label="Line"
          value={line}
          onChange={(e) => setPicked(e.target.value)}
          options={lines.data.map((l) => ({ value: l.line, label: `${l.label} · ${l.runs} runs` }))}
        />
      </div>
      {trend.error && <ErrorLine message={trend.error.message} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Accuracy, safety and judge by run">
          <SeriesChart points={quality} xLabel="run" testId="trend-quality-chart" />
        </Card>
        <Card title="p95 latency by run">
          <SeriesChart points={latency} xLabel="run" testId="trend-latency-chart" />
        </Card>
      </div>
      <Card title="Runs">
        <Table aria-label="Runs of this line">
          <THead>
            <Th>#</Th>
            <Th>When</Th>
            <Th>Run</Th>
            <Th>Taskset</Th>
            <Th>Accuracy</Th>
            <Th>Safety</Th>
            <Th>p95</Th>
            <Th>Judge</Th>
            <Th>Verdict</Th>
          </THead>
          <tbody>
            {points.map((p) => (
              <Tr key={p.runId}>
                <Td>{p.n}</Td>
                <Td className="text-xs">{new Date(p.createdAt).toLocaleString()}</Td>
                <Td>
                  <Link className="font-mono text-xs text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/runs/${p.runId}`}>
                    {p.runId}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {p.modelId ?? p.subject}
                    {p.rescore ? ' · re-score' : ''}
                  </div>
                </Td>
                <Td className="text-xs">{p.taskset}</Td>
                <Td>
                  {pct(p.accuracy)}{' '}
                  <span className="text-xs text-slate-500">
                    ({pct(p.accuracyLo, 0)}–{pct(p.accuracyHi, 0)})
                  </span>
                </Td>
                <Td>{pct(p.safetyRate)}</Td>
                <Td>{ms(p.p95LatencyMs)}</Td>
                <Td>{p.judgeMean?.toFixed(1) ?? '—'}</Td>
                <Td>
                  <Badge tone={verdictTone(p.verdict)}>{verdictLabel(p.verdict)}</Badge>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </div>
  );
}
