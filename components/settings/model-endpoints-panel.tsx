'use client';
// External OpenAI-compatible models the project registers by URL, model name and API key: evaluations score them,
// the Runtime factory serves them. The key is write-only: once saved only its last four characters come back, and a
// new URL without a new key drops the saved one.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Field, fieldError } from '@/components/ui/field';
import { nameCell, SavedFormActions, SavedList } from './saved-list';

type Saved = { id: string; name: string; baseUrl: string; model: string; hasApiKey: boolean; apiKeyHint: string | null };

function EndpointForm({ projectId, saved, onDone }: { projectId: string; saved: Saved | null; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState({ name: saved?.name ?? '', baseUrl: saved?.baseUrl ?? '', model: saved?.model ?? '', apiKey: '' });
  const save = useMutation(
    trpc.project.modelEndpoints.save.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.project.modelEndpoints.pathKey() });
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      projectId,
      ...(saved ? { id: saved.id } : {}),
      name: f.name,
      baseUrl: f.baseUrl,
      model: f.model,
      ...(f.apiKey ? { apiKey: f.apiKey } : {}),
    });
  };
  const err = (k: string) => fieldError(save.error, k);
  return (
    <form onSubmit={submit} noValidate aria-label="Model endpoint" className="grid gap-3 sm:grid-cols-4">
      <Field
        id="mep-name"
        label="Name"
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
        error={err('name')}
        placeholder="hosted baseline"
      />
      <Field
        id="mep-url"
        label="Base URL"
        value={f.baseUrl}
        onChange={(e) => setF({ ...f, baseUrl: e.target.value })}
        error={err('baseUrl')}
        placeholder="https://api.openai.com/v1"
      />
      <Field
        id="mep-model"
        label="Model"
        value={f.model}
        onChange={(e) => setF({ ...f, model: e.target.value })}
        error={err('model')}
        placeholder="gpt-4o-mini"
      />
      <Field
        id="mep-key"
        label="API key"
        type="password"
        autoComplete="off"
        value={f.apiKey}
        onChange={(e) => setF({ ...f, apiKey: e.target.value })}
        error={err('apiKey')}
        hint={
          saved?.hasApiKey
            ? 'Leave empty to keep the saved key (a new URL drops it)'
            : 'Stored encrypted, bound to this URL; never shown again'
        }
      />
      <SavedFormActions saveLabel="Save endpoint" pending={save.isPending} error={save.error} onCancel={onDone} />
    </form>
  );
}

export function ModelEndpointsPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.project.modelEndpoints.list.queryOptions({ projectId }));
  const remove = useMutation(
    trpc.project.modelEndpoints.remove.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.project.modelEndpoints.pathKey() }),
    }),
  );
  return (
    <SavedList<Saved>
      label="Model endpoints"
      list={list}
      empty="No external model yet. Add one to evaluate a hosted baseline beside your own models."
      columns={[
        { header: 'Name', cell: nameCell },
        { header: 'Model', cell: (e) => e.model, className: 'font-mono text-xs' },
        { header: 'URL', cell: (e) => e.baseUrl, className: 'font-mono text-xs' },
        { header: 'Key', cell: (e) => (e.hasApiKey ? `…${e.apiKeyHint}` : 'none'), className: 'text-xs' },
      ]}
      removal={{
        confirm: (e) => `Remove ${e.name} and its saved key?`,
        remove: (e) => remove.mutate({ projectId, id: e.id }),
        pending: remove.isPending,
        error: remove.error?.message ?? null,
      }}
      form={(saved, onDone) => <EndpointForm projectId={projectId} saved={saved} onDone={onDone} />}
      addLabel="Add a model endpoint"
    />
  );
}
