'use client';
// The model registry: every model with its lineage at a glance; pick two to overlay their training curves.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { SeriesChart } from '@/components/charts/series-chart';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function ModelsRegistry({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<string[]>([]);
  const list = useQuery(trpc.training.models.queryOptions({ projectId, page, pageSize: 20 }));
  const curves = useQuery({ ...trpc.training.curves.queryOptions({ projectId, modelIds: picked }), enabled: picked.length > 0 });
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  if (!list.data) return <p className="text-sm text-slate-500">Loading models…</p>;
  if (!list.data.rows.length)
    return (
      <EmptyState title="No models registered yet">
        A training run registers its model here when it finishes, with its dataset, scenario, allocation, base, hyper-parameters and final
        metrics.
      </EmptyState>
    );
  const overlay = (curves.data ?? []).flatMap((c) =>
    c.points
      .filter((p) => p.name === 'train_loss')
      .map((p) => ({ name: `${c.name} (${c.modelId.slice(-6)})`, step: p.step, value: p.value })),
  );
  return (
    <div className="grid gap-6">
      <Card title="Models">
        <table className="w-full text-left text-sm" aria-label="Models">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Compare</th>
              <th>Model</th>
              <th>Dataset</th>
              <th>Scenario</th>
              <th>Steps</th>
              <th>Val. accuracy</th>
              <th>Size</th>
            </tr>
          </thead>
          <tbody>
            {list.data.rows.map((m) => (
              <tr key={m.id} className="border-t border-slate-100">
                <td className="py-1.5">
                  <input type="checkbox" aria-label={`Compare ${m.id}`} checked={picked.includes(m.id)} onChange={() => toggle(m.id)} />
                </td>
                <td>
                  <Link className="font-medium text-indigo-700 hover:underline" href={`/p/${projectId}/training/models/${m.id}`}>
                    {m.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{m.id}</div>
                </td>
                <td>{m.datasetId}</td>
                <td>{m.scenarioId}</td>
                <td>{m.metrics.steps}</td>
                <td>{pct(m.metrics.valAccuracy)}</td>
                <td>{(m.sizeBytes / 1024).toFixed(0)} KB</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination page={page} pageSize={20} total={list.data.total} onPage={setPage} />
      </Card>
      <Card title="Training loss, overlaid">
        {picked.length ? (
          <SeriesChart points={overlay} testId="overlay-chart" />
        ) : (
          <p className="text-sm text-slate-500">Tick two models to overlay their loss curves.</p>
        )}
      </Card>
    </div>
  );
}
