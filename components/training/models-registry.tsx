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
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

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
        <Table aria-label="Models">
          <THead className="text-xs uppercase text-slate-500">
            <Th className="py-1">Compare</Th>
            <Th>Model</Th>
            <Th>Dataset</Th>
            <Th>Scenario</Th>
            <Th>Steps</Th>
            <Th>Val. accuracy</Th>
            <Th>Size</Th>
          </THead>
          <tbody>
            {list.data.rows.map((m) => (
              <Tr key={m.id} className="border-t">
                <Td className="py-1.5">
                  <input type="checkbox" aria-label={`Compare ${m.id}`} checked={picked.includes(m.id)} onChange={() => toggle(m.id)} />
                </Td>
                <Td>
                  <Link className="font-medium text-indigo-700 hover:underline" href={`/p/${projectId}/training/models/${m.id}`}>
                    {m.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{m.id}</div>
                </Td>
                <Td>{m.datasetId}</Td>
                <Td>{m.scenarioId}</Td>
                <Td>{m.metrics.steps}</Td>
                <Td>{pct(m.metrics.valAccuracy)}</Td>
                <Td>{(m.sizeBytes / 1024).toFixed(0)} KB</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
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
