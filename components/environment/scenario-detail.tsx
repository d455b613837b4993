'use client';
// One scenario version: what it is (type, tools, versions, whether it is used) and its tabs — cases, runs, validation.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CasesTab } from './cases-tab';
import { isActive } from '@/components/ui/format';
import { TYPE_LABEL } from './format';
import { RunsTab } from './runs-tab';
import { ScenarioSettings } from './scenario-settings';
import { ValidationBadge } from './validation-badge';
import { ValidationTab } from './validation-tab';
import { ErrorLine } from '@/components/ui/list-state';

export type ScenarioTab = 'cases' | 'runs' | 'validation';

type Props = { projectId: string; scenarioId: string; canWrite: boolean; initialTab: ScenarioTab; forkedFrom: string | null };

export function ScenarioDetail({ projectId, scenarioId, canWrite, initialTab, forkedFrom }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [tab, setTab] = useState<ScenarioTab>(initialTab);
  const [editing, setEditing] = useState(false);
  const detail = useQuery({
    ...trpc.environment.scenarios.get.queryOptions({ projectId, scenarioId }),
    refetchInterval: (q) => (isActive(q.state.data?.validationJob?.status) ? 1000 : false),
  });
  if (detail.error) return <ErrorLine message={detail.error.message} />;
  if (!detail.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { scenario, versions, caseCount } = detail.data;
  const show = (t: ScenarioTab) => {
    setTab(t);
    window.history.replaceState(null, '', `?tab=${t}`);
  };
  const tabs: [ScenarioTab, string][] = [
    ['cases', `Cases (${caseCount})`],
    ['runs', 'Runs'],
    ['validation', 'Validation'],
  ];
  return (
    <div className="grid gap-6">
      {forkedFrom && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {forkedFrom} is in use (runs, training or evaluations refer to it), so it stays as it is: your edit created {scenario.id}.
        </p>
      )}
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="text-base">{scenario.name}</span>
            <span className="font-mono text-xs text-slate-500" data-testid="scenario-id">
              {scenario.id}
            </span>
            <ValidationBadge status={scenario.validationStatus} />
          </span>
        }
        actions={
          versions.length > 1 && (
            <label className="flex items-center gap-2 text-sm text-slate-600">
              Version
              <select
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                value={scenario.id}
                onChange={(e) => router.push(`/p/${projectId}/environment/${e.target.value}?tab=${tab}`)}
              >
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.version} · {v.validationStatus}
                    {v.usedAt ? ' · used' : ''}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      >
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Type</dt>
          <dd>{TYPE_LABEL[scenario.type] ?? scenario.type}</dd>
          <dt className="text-slate-500">Tools</dt>
          <dd>{scenario.tools.length ? scenario.tools.join(', ') : 'none'}</dd>
          <dt className="text-slate-500">Status</dt>
          <dd>
            {scenario.usedAt
              ? `used (${scenario.usedBy ?? 'in use'}): edits create a new version`
              : 'not used yet: edits change this version'}
          </dd>
          <dt className="text-slate-500">From</dt>
          <dd>{scenario.parentId ?? 'first version'}</dd>
        </dl>
        {scenario.description && <p className="mt-3 text-sm text-slate-700">{scenario.description}</p>}
        {canWrite &&
          (editing ? (
            <ScenarioSettings
              key={scenario.id}
              projectId={projectId}
              scenarioId={scenario.id}
              description={scenario.description}
              tools={scenario.tools}
              onDone={() => setEditing(false)}
            />
          ) : (
            <Button variant="secondary" className="mt-3" onClick={() => setEditing(true)}>
              Edit details
            </Button>
          ))}
      </Card>
      <div>
        <div className="mb-4 flex gap-2 border-b border-slate-200" role="tablist">
          {tabs.map(([t, label]) => (
            <button
              key={t}
              role="tab"
              aria-selected={tab === t}
              onClick={() => show(t)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === t ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
            >
              {label}
            </button>
          ))}
        </div>
        {tab === 'cases' && <CasesTab projectId={projectId} scenarioId={scenario.id} type={scenario.type} canWrite={canWrite} />}
        {tab === 'runs' && <RunsTab projectId={projectId} scenarioId={scenario.id} canWrite={canWrite} />}
        {tab === 'validation' && <ValidationTab projectId={projectId} detail={detail.data} canWrite={canWrite} />}
      </div>
    </div>
  );
}
