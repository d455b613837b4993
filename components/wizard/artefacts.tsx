// Every artefact id a pipeline run produces, labelled and linked to the page of the factory that owns it.
import Link from 'next/link';
import type { PipelineOutputs } from '@/db/schema';

type Key = Exclude<keyof PipelineOutputs, 'verdict' | 'deploymentVersion' | 'endpoint'>;

const ARTEFACTS: { key: Key; label: string; href: (p: string, id: string) => string }[] = [
  { key: 'allocationId', label: 'Allocation', href: (p, id) => `/p/${p}/compute/${id}` },
  { key: 'cleanRunId', label: 'Cleaning run', href: (p, id) => `/p/${p}/data/cleaning/${id}` },
  { key: 'datasetId', label: 'Dataset version', href: (p, id) => `/p/${p}/data/datasets/${id}` },
  { key: 'scenarioId', label: 'Scenario', href: (p, id) => `/p/${p}/environment/${id}` },
  { key: 'validationJobId', label: 'Validation job', href: (p, id) => `/p/${p}/jobs/${id}` },
  { key: 'trainingRunId', label: 'Training run', href: (p, id) => `/p/${p}/training/runs/${id}` },
  { key: 'modelId', label: 'Model', href: (p, id) => `/p/${p}/training/models/${id}` },
  { key: 'sentBackBy', label: 'Sent back by', href: (p, id) => `/p/${p}/evaluation/runs/${id}` },
  { key: 'evaluationRunId', label: 'Evaluation', href: (p, id) => `/p/${p}/evaluation/runs/${id}` },
  { key: 'deploymentId', label: 'Deployment', href: (p, id) => `/p/${p}/runtime/${id}` },
];

export function ArtefactLink({ projectId, kind, id }: { projectId: string; kind: Key; id: string }) {
  const a = ARTEFACTS.find((x) => x.key === kind)!;
  return (
    <Link className="font-mono text-xs text-indigo-700 hover:underline" href={a.href(projectId, id)}>
      {id}
    </Link>
  );
}

/** The outputs as a definition list; `only` limits it to some keys (what a step takes from the earlier ones). */
export function ArtefactList({ projectId, outputs, only }: { projectId: string; outputs: PipelineOutputs; only?: Key[] }) {
  const shown = ARTEFACTS.filter((a) => (!only || only.includes(a.key)) && outputs[a.key]);
  if (!shown.length && outputs.verdict === undefined) return <p className="text-sm text-slate-500">Nothing yet.</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {shown.map((a) => (
        <div key={a.key} className="contents" data-artefact={a.key}>
          <dt className="text-slate-500">{a.label}</dt>
          <dd>
            <ArtefactLink projectId={projectId} kind={a.key} id={outputs[a.key] as string} />
          </dd>
        </div>
      ))}
      {outputs.verdict && (!only || only.includes('evaluationRunId')) && (
        <div className="contents" data-artefact="verdict">
          <dt className="text-slate-500">Verdict</dt>
          <dd className={`font-semibold ${outputs.verdict === 'pass' ? 'text-emerald-700' : 'text-red-700'}`}>
            {outputs.verdict.toUpperCase()}
          </dd>
        </div>
      )}
      {outputs.endpoint && (!only || only.includes('deploymentId')) && (
        <div className="contents">
          <dt className="text-slate-500">Endpoint</dt>
          <dd className="font-mono text-xs">{outputs.endpoint}</dd>
        </div>
      )}
    </dl>
  );
}

/** What each step consumes from the ones before it. */
export const TAKES: Record<string, Key[]> = {
  compute: [],
  data: [],
  environment: [],
  training: ['allocationId', 'datasetId', 'scenarioId', 'sentBackBy'],
  evaluation: ['modelId', 'scenarioId'],
  runtime: ['modelId', 'evaluationRunId'],
};
