'use client';
// The choices a step offers, each with the default that does the demo path; empty means "let the step choose".
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import type { PipelineStep } from '@/db/schema';

export type Choices = Record<string, string>;

/** Which choices are numbers, so they go to the server as such. */
const NUMERIC = new Set(['count', 'memoryMb', 'epochs', 'maxSeconds', 'adversarialCount']);

export function toInputs(choices: Choices): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(choices)) {
    if (v === '') continue;
    if (k === 'clean') out[k] = v === 'yes';
    else out[k] = NUMERIC.has(k) ? Number(v) : v;
  }
  return out;
}

type Props = {
  projectId: string;
  step: PipelineStep;
  choices: Choices;
  set: (k: string, v: string) => void;
  error: (k: string) => string | null;
};

type Option = { value: string; label: string };

/** A choice among options, its value falling back to `fallback` (the option that does the demo path). */
function choice(p: Props, k: string, label: string, options: Option[], fallback = '') {
  return (
    <SelectField
      id={`wizard-${p.step}-${k}`}
      label={label}
      value={p.choices[k] ?? fallback}
      onChange={(e) => p.set(k, e.target.value)}
      error={p.error(k)}
      options={options}
    />
  );
}

export function StepFields(p: Props) {
  const f = (k: string, label: string, o: { type?: string; placeholder?: string; hint?: string } = {}) => (
    <Field
      id={`wizard-${p.step}-${k}`}
      label={label}
      type={o.type ?? 'text'}
      placeholder={o.placeholder}
      hint={o.hint}
      value={p.choices[k] ?? ''}
      onChange={(e) => p.set(k, e.target.value)}
      error={p.error(k)}
    />
  );
  switch (p.step) {
    case 'compute':
      return (
        <div className="grid gap-3 sm:grid-cols-3">
          {choice(
            p,
            'resourceType',
            'Resource',
            [
              { value: 'cpu', label: 'CPU cores' },
              { value: 'gpu', label: 'GPUs' },
            ],
            'cpu',
          )}
          {f('count', 'How many', { type: 'number', placeholder: '1' })}
          {f('memoryMb', 'Memory (MB)', { type: 'number', placeholder: '1024' })}
        </div>
      );
    case 'data':
      return <DataFields {...p} field={f} />;
    case 'environment':
      return <EnvironmentFields {...p} />;
    case 'training':
      return (
        <div className="grid gap-3 sm:grid-cols-4">
          {f('name', 'Model name', { placeholder: 'math-agent' })}
          {choice(p, 'modelSize', 'Size', [
            { value: '', label: 'small (default)' },
            { value: 'tiny', label: 'tiny (smoke test)' },
            { value: 'medium', label: 'medium' },
          ])}
          {f('epochs', 'Epochs', { type: 'number', placeholder: '4' })}
          {f('maxSeconds', 'Time budget (s)', { type: 'number', placeholder: '300' })}
        </div>
      );
    case 'evaluation':
      return <EvaluationFields {...p} field={f} />;
    case 'runtime':
      return f('name', 'Deployment name', { placeholder: 'named after the model' });
  }
}

type WithField = Props & {
  field: (k: string, label: string, o?: { type?: string; placeholder?: string; hint?: string }) => React.ReactNode;
};

function DataFields(p: WithField) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.data.events.agents.queryOptions({ projectId: p.projectId }));
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {choice(p, 'agentId', 'Interactions of', [
        { value: '', label: 'the math agent, else the first (default)' },
        ...(agents.data ?? []).map((a) => ({ value: a.agentId, label: a.agentId })),
      ])}
      {p.field('datasetName', 'Dataset name', { placeholder: 'from the agent, e.g. math' })}
      {choice(
        p,
        'clean',
        'Clean raw events first',
        [
          { value: 'yes', label: 'Yes, when there are any' },
          { value: 'no', label: 'No' },
        ],
        'yes',
      )}
    </div>
  );
}

function EnvironmentFields(p: Props) {
  const trpc = useTRPC();
  const options = useQuery(trpc.training.options.queryOptions({ projectId: p.projectId }));
  return choice(p, 'scenarioId', 'Scenario to validate', [
    { value: '', label: 'the latest validated one, else a new math scenario (default)' },
    ...(options.data?.scenarios ?? []).map((s) => ({ value: s.id, label: `${s.id} (${s.validationStatus})` })),
  ]);
}

function EvaluationFields(p: WithField) {
  const trpc = useTRPC();
  const options = useQuery(trpc.evaluation.tasksets.options.queryOptions({ projectId: p.projectId }));
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {choice(p, 'tasksetId', 'Taskset', [
        { value: '', label: "the scenario's latest taskset (default)" },
        ...(options.data ?? []).map((t) => ({ value: t.id, label: `${t.id} (${t.caseCount} cases)` })),
      ])}
      {p.field('adversarialCount', 'Adversarial cases', { type: 'number', placeholder: '24' })}
    </div>
  );
}
