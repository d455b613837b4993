'use client';
// External OpenAI-compatible models the project registers by URL, model name and API key: evaluations score them,
// the Runtime factory serves them. The key is write-only: once saved only its last four characters come back, and a
// new URL without a new key drops the saved one.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ErrorLine, listView } from '@/components/ui/list-state';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

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
      <div className="flex gap-2 sm:col-span-4">
        <Button type="submit" disabled={save.isPending}>
          Save endpoint
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        {save.error && !save.error.data?.fieldErrors && <ErrorLine message={save.error.message} />}
      </div>
    </form>
  );
}

export function ModelEndpointsPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Saved | 'new' | null>(null);
  const list = useQuery(trpc.project.modelEndpoints.list.queryOptions({ projectId }));
  const remove = useMutation(
    trpc.project.modelEndpoints.remove.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.project.modelEndpoints.pathKey() }),
    }),
  );
  const view = listView(list, {
    loading: 'Loading…',
    empty: <p className="text-sm text-slate-500">No external model yet. Add one to evaluate a hosted baseline beside your own models.</p>,
    isEmpty: (d) => d.length === 0,
  });
  return (
    <div className="grid gap-3">
      {!view.ready ? (
        view.element
      ) : (
        <Table aria-label="Model endpoints">
          <THead>
            <Th>Name</Th>
            <Th>Model</Th>
            <Th>URL</Th>
            <Th>Key</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <tbody>
            {view.data.map((e) => (
              <Tr key={e.id}>
                <Td>
                  {e.name} <div className="font-mono text-xs text-slate-500">{e.id}</div>
                </Td>
                <Td className="font-mono text-xs">{e.model}</Td>
                <Td className="font-mono text-xs">{e.baseUrl}</Td>
                <Td className="text-xs">{e.hasApiKey ? `…${e.apiKeyHint}` : 'none'}</Td>
                <Td className="flex gap-2">
                  <Button variant="secondary" onClick={() => setEditing(e)}>
                    Edit
                  </Button>
                  <Button
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() => confirm(`Remove ${e.name} and its saved key?`) && remove.mutate({ projectId, id: e.id })}
                  >
                    Remove
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {editing ? (
        <EndpointForm
          key={editing === 'new' ? 'new' : editing.id}
          projectId={projectId}
          saved={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <div>
          <Button variant="secondary" onClick={() => setEditing('new')}>
            Add a model endpoint
          </Button>
        </div>
      )}
      {remove.error && <ErrorLine message={remove.error.message} />}
    </div>
  );
}
