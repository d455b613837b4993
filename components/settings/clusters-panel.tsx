'use client';
// Clusters the project's allocations can run on: slurmrestd's URL, the cluster user, a token or the JWT signing key
// (write-only, sealed and bound to the URL), the default partition. "Test connection" answers with the cluster's
// version, partitions and nodes, or the exact error.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { ErrorLine } from '@/components/ui/list-state';
import { nameCell, SavedFormActions, SavedList } from './saved-list';

type Kind = 'token' | 'jwt_key';
type Saved = {
  id: string;
  name: string;
  url: string;
  userName: string;
  credentialKind: Kind;
  hasCredential: boolean;
  credentialHint: string | null;
  defaultPartition: string;
  workDir: string;
  appUrl: string;
  appDir: string;
};

function ClusterForm({ projectId, saved, onDone }: { projectId: string; saved: Saved | null; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState({
    name: saved?.name ?? '',
    url: saved?.url ?? '',
    userName: saved?.userName ?? '',
    credentialKind: saved?.credentialKind ?? ('token' as Kind),
    credential: '',
    defaultPartition: saved?.defaultPartition ?? '',
    workDir: saved?.workDir ?? '',
    appUrl: saved?.appUrl ?? '',
    appDir: saved?.appDir ?? '',
  });
  const save = useMutation(
    trpc.compute.clusters.save.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.compute.clusters.pathKey() });
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { credential, ...rest } = f;
    save.mutate({ projectId, ...(saved ? { id: saved.id } : {}), ...rest, ...(credential ? { credential } : {}) });
  };
  const err = (k: string) => fieldError(save.error, k);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <form onSubmit={submit} noValidate aria-label="Cluster" className="grid gap-3 sm:grid-cols-4">
      <Field id="clu-name" label="Name" value={f.name} onChange={set('name')} error={err('name')} placeholder="gpu-cluster" />
      <Field
        id="clu-url"
        label="slurmrestd URL"
        value={f.url}
        onChange={set('url')}
        error={err('url')}
        placeholder="http://slurm-head:6820"
      />
      <Field
        id="clu-user"
        label="Cluster user"
        value={f.userName}
        onChange={set('userName')}
        error={err('userName')}
        placeholder="aftrain"
      />
      <Field
        id="clu-partition"
        label="Default partition"
        value={f.defaultPartition}
        onChange={set('defaultPartition')}
        error={err('defaultPartition')}
        placeholder="gpu"
      />
      <SelectField
        id="clu-kind"
        label="Credential"
        value={f.credentialKind}
        onChange={(e) => setF({ ...f, credentialKind: e.target.value as Kind })}
        options={[
          { value: 'token', label: 'Token (scontrol token)' },
          { value: 'jwt_key', label: 'JWT signing key (base64)' },
        ]}
      />
      <Field
        id="clu-credential"
        label={f.credentialKind === 'token' ? 'Token' : 'Signing key'}
        type="password"
        autoComplete="off"
        value={f.credential}
        onChange={set('credential')}
        error={err('credential')}
        hint={
          saved?.hasCredential
            ? 'Leave empty to keep the saved one (a new URL drops it)'
            : f.credentialKind === 'jwt_key'
              ? 'base64 -w0 jwt_hs256.key; short-lived tokens are minted from it. Stored encrypted, bound to this URL'
              : 'Stored encrypted, bound to this URL; never shown again'
        }
      />
      <Field
        id="clu-workdir"
        label="Job directory"
        value={f.workDir}
        onChange={set('workDir')}
        error={err('workDir')}
        placeholder="/shared/agent-factory"
        hint="Where jobs start on the nodes (shared storage); empty: /tmp"
      />
      <Field
        id="clu-appurl"
        label="App URL from the nodes"
        value={f.appUrl}
        onChange={set('appUrl')}
        error={err('appUrl')}
        placeholder="http://factory.internal:3000"
        hint="Training allocations run our worker, which calls back here; empty: allocations only hold resources"
      />
      <Field
        id="clu-appdir"
        label="App checkout on the nodes"
        value={f.appDir}
        onChange={set('appDir')}
        error={err('appDir')}
        placeholder="/shared/agent-factory/app"
        hint="Where the worker starts from (npm ci done there)"
      />
      <SavedFormActions saveLabel="Save cluster" pending={save.isPending} error={save.error} onCancel={onDone} />
    </form>
  );
}

function TestResult({
  result,
}: {
  result:
    | {
        ok: true;
        version: string;
        partitions: { partition: string; nodes: { total: number }; gpus: { total: number } }[];
        nodes: { name: string; state: string; cpus: number; memoryMb: number; gpus: string }[];
      }
    | { ok: false; error: string };
}) {
  if (!result.ok)
    return (
      <p role="alert" data-testid="cluster-test" className="text-sm text-red-700">
        {result.error}
      </p>
    );
  return (
    <div data-testid="cluster-test" className="text-sm text-slate-700">
      <p>
        Connected: Slurm {result.version}. Partitions:{' '}
        {result.partitions.map((p) => `${p.partition} (${p.nodes.total} nodes, ${p.gpus.total} GPUs)`).join(', ') || 'none'}.
      </p>
      <p className="text-xs text-slate-500">
        Nodes: {result.nodes.map((n) => `${n.name} ${n.state}, ${n.cpus} cores, ${Math.round(n.memoryMb / 1024)} GB, ${n.gpus}`).join('; ')}
      </p>
    </div>
  );
}

export function ClustersPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.compute.clusters.list.queryOptions({ projectId }));
  const remove = useMutation(
    trpc.compute.clusters.remove.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.compute.clusters.pathKey() }) }),
  );
  const test = useMutation(trpc.compute.clusters.test.mutationOptions());
  return (
    <SavedList<Saved>
      label="Clusters"
      list={list}
      empty="No cluster yet. Connect a Slurm cluster to request its GPUs from the Compute page."
      columns={[
        { header: 'Name', cell: nameCell },
        { header: 'URL', cell: (c) => c.url, className: 'font-mono text-xs' },
        { header: 'User', cell: (c) => c.userName, className: 'font-mono text-xs' },
        { header: 'Partition', cell: (c) => c.defaultPartition || '—', className: 'font-mono text-xs' },
        {
          header: 'Credential',
          cell: (c) => (c.hasCredential ? `${c.credentialKind === 'token' ? 'token' : 'signing key'} …${c.credentialHint}` : 'none'),
          className: 'text-xs',
        },
      ]}
      actions={(c) => (
        <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate({ projectId, id: c.id })}>
          Test connection
        </Button>
      )}
      removal={{
        confirm: (c) => `Remove ${c.name} and its saved credential?`,
        remove: (c) => remove.mutate({ projectId, id: c.id }),
        pending: remove.isPending,
        error: remove.error?.message ?? null,
      }}
      form={(saved, onDone) => <ClusterForm projectId={projectId} saved={saved} onDone={onDone} />}
      addLabel="Connect a cluster"
    >
      {test.data && <TestResult result={test.data} />}
      {test.error && <ErrorLine message={test.error.message} />}
    </SavedList>
  );
}
