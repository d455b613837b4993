'use client';
// Deploy a model: only models whose latest evaluation PASSed under the current policy are offered; the others are
// listed with the gate's reasons (the server refuses them anyway). Optionally as a canary beside the current version.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ErrorLine } from '@/components/ui/list-state';
import { SelectField } from '@/components/ui/select-field';

export function DeployForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const models = useQuery(trpc.runtime.deployments.deployable.queryOptions({ projectId }));
  const templates = useQuery(trpc.runtime.templates.list.queryOptions({ projectId }));
  const [modelId, setModelId] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [name, setName] = useState('');
  const [canary, setCanary] = useState('');
  const deploy = useMutation(
    trpc.runtime.deployments.deploy.mutationOptions({ onSuccess: (r) => router.push(`/p/${projectId}/runtime/${r.deploymentId}`) }),
  );
  if (models.error) return <ErrorLine message={models.error.message} />;
  if (!models.data || !templates.data) return <p className="text-sm text-slate-500">Loading models…</p>;
  const ok = models.data.filter((m) => m.gate.deployable);
  const refused = models.data.filter((m) => !m.gate.deployable);
  const chosen = modelId || ok[0]?.id || '';
  return (
    <form
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        deploy.mutate({
          projectId,
          modelId: chosen,
          templateId: templateId || undefined,
          name: name.trim() || undefined,
          canaryPercent: canary ? Number(canary) : undefined,
        });
      }}
    >
      <div className="grid gap-3 md:grid-cols-4">
        <SelectField
          id="deploy-model"
          label="Model (passed its evaluation)"
          value={chosen}
          onChange={(e) => setModelId(e.target.value)}
          options={ok.map((m) => ({ value: m.id, label: `${m.name} (${m.id})` }))}
          empty="No model has a PASS yet"
          error={fieldError(deploy.error, 'modelId')}
        />
        <SelectField
          id="deploy-template"
          label="Template"
          value={templateId || templates.data[0]?.id || ''}
          onChange={(e) => setTemplateId(e.target.value)}
          options={templates.data.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Field
          id="deploy-name"
          label="Name (what clients send as model)"
          placeholder="the model's name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(deploy.error, 'name')}
        />
        <Field
          id="deploy-canary"
          label="Canary traffic % (optional)"
          type="number"
          min={1}
          max={99}
          value={canary}
          onChange={(e) => setCanary(e.target.value)}
          error={fieldError(deploy.error, 'canaryPercent')}
        />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!chosen || deploy.isPending}>
          {deploy.isPending ? 'Deploying…' : 'Deploy'}
        </Button>
        {deploy.error && !fieldError(deploy.error, 'name') && !fieldError(deploy.error, 'canaryPercent') && (
          <ErrorLine message={deploy.error.message} />
        )}
      </div>
      {refused.length > 0 && (
        <div className="grid gap-1 text-sm" data-testid="refused-models">
          <p className="font-medium text-slate-700">Not deployable:</p>
          {refused.map((m) => (
            <p key={m.id} className="text-slate-600" data-model-id={m.id}>
              <span className="font-mono text-xs">{m.id}</span> — {m.gate.reasons.join('; ')}
            </p>
          ))}
        </div>
      )}
    </form>
  );
}
