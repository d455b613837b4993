'use client';
// Agent templates: what a deployment's sandboxes run with. Editing one changes future deployments only (a deployment
// keeps the copy it was made with). Engineers edit; everyone reads.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, fieldError } from '@/components/ui/field';
import { ErrorLine } from '@/components/ui/list-state';

const NUMBERS = [
  ['stepLimit', 'Step limit'],
  ['requestTimeoutMs', 'Request timeout (ms)'],
  ['memoryLimitMb', 'Memory per sandbox (MB)'],
  ['poolMin', 'Pool min'],
  ['poolMax', 'Pool max'],
  ['healthIntervalMs', 'Health check every (ms)'],
] as const;

type Template = {
  id: string;
  name: string;
  description: string;
  tools: string[];
  systemPrompt: string;
  healthProbe: { prompt: string; expectContains: string | null };
} & Record<(typeof NUMBERS)[number][0], number>;

function TemplateForm({ projectId, t, canWrite }: { projectId: string; t: Template; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [v, setV] = useState({ ...t, tools: t.tools.join(', '), probe: t.healthProbe.prompt, expect: t.healthProbe.expectContains ?? '' });
  const save = useMutation(
    trpc.runtime.templates.save.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.runtime.templates.list.queryKey() }),
    }),
  );
  const err = (f: string) => fieldError(save.error, f) ?? fieldError(save.error, `config.${f}`);
  return (
    <form
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          projectId,
          templateId: t.id,
          name: v.name,
          description: v.description,
          config: {
            tools: v.tools
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            systemPrompt: v.systemPrompt,
            stepLimit: Number(v.stepLimit),
            requestTimeoutMs: Number(v.requestTimeoutMs),
            memoryLimitMb: Number(v.memoryLimitMb),
            poolMin: Number(v.poolMin),
            poolMax: Number(v.poolMax),
            healthIntervalMs: Number(v.healthIntervalMs),
            healthProbe: { prompt: v.probe, expectContains: v.expect || null },
          },
        });
      }}
    >
      <fieldset disabled={!canWrite} className="grid gap-3 md:grid-cols-3">
        <Field id={`${t.id}-name`} label="Name" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} error={err('name')} />
        <Field
          id={`${t.id}-tools`}
          label="Tools (comma-separated)"
          value={v.tools}
          onChange={(e) => setV({ ...v, tools: e.target.value })}
          error={err('tools')}
        />
        <Field
          id={`${t.id}-system`}
          label="System prompt"
          value={v.systemPrompt}
          onChange={(e) => setV({ ...v, systemPrompt: e.target.value })}
        />
        {NUMBERS.map(([k, label]) => (
          <Field
            key={k}
            id={`${t.id}-${k}`}
            label={label}
            type="number"
            value={v[k]}
            onChange={(e) => setV({ ...v, [k]: Number(e.target.value) })}
            error={err(k)}
          />
        ))}
        <Field id={`${t.id}-probe`} label="Health probe prompt" value={v.probe} onChange={(e) => setV({ ...v, probe: e.target.value })} />
        <Field
          id={`${t.id}-expect`}
          label="Probe answer must contain (optional)"
          value={v.expect}
          onChange={(e) => setV({ ...v, expect: e.target.value })}
        />
      </fieldset>
      {canWrite && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            Save
          </Button>
          {save.isSuccess && <span className="text-sm text-emerald-700">Saved: new deployments use it.</span>}
          {save.error && <ErrorLine message={save.error.message} />}
        </div>
      )}
    </form>
  );
}

export function TemplatesEditor({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.runtime.templates.list.queryOptions({ projectId }));
  if (list.error) return <ErrorLine message={list.error.message} />;
  if (!list.data) return <p className="text-sm text-slate-500">Loading templates…</p>;
  return (
    <div className="grid gap-6">
      {list.data.map((t) => (
        <Card key={t.id} title={`${t.name} (${t.id})`}>
          <TemplateForm projectId={projectId} t={t} canWrite={canWrite} />
        </Card>
      ))}
    </div>
  );
}
