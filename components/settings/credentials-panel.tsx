'use client';
// Issue, list and revoke API keys or worker tokens. A new secret is shown once, then only its prefix.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ago } from '@/components/ui/format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

type Kind = 'apiKeys' | 'workerTokens';
const COPY: Record<Kind, { noun: string; usage: string }> = {
  apiKeys: { noun: 'API key', usage: 'Send it as `Authorization: Bearer <key>` to /api/v1.' },
  workerTokens: { noun: 'worker token', usage: 'Give it to a remote worker as AF_WORKER_TOKEN.' },
};

export function CredentialsPanel({ projectId, kind }: { projectId: string; kind: Kind }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const api = trpc.project[kind];
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  const list = useQuery(api.list.queryOptions({ projectId }));
  const refresh = () => qc.invalidateQueries({ queryKey: api.list.queryKey({ projectId }) });
  const create = useMutation(
    api.create.mutationOptions({
      onSuccess: (row) => {
        setIssued({ name: row.name, secret: row.secret });
        setName('');
        void refresh();
      },
    }),
  );
  const revoke = useMutation(api.revoke.mutationOptions({ onSuccess: refresh }));
  const { noun, usage } = COPY[kind];
  const fieldId = `${kind}-name`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setIssued(null);
    create.mutate({ projectId, name });
  };

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} noValidate className="flex items-start gap-3" aria-label={`Create ${noun}`}>
        <div className="w-72">
          <Field
            id={fieldId}
            label={`New ${noun} name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(create.error, 'name')}
          />
        </div>
        <Button type="submit" className="mt-6" disabled={create.isPending}>
          Create {noun}
        </Button>
      </form>
      {create.error && !fieldError(create.error, 'name') && (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      )}
      {issued && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="issued-secret">
          <p className="font-medium">Copy “{issued.name}” now: it will not be shown again.</p>
          <code className="mt-2 block select-all break-all rounded bg-white p-2 font-mono text-xs">{issued.secret}</code>
          <p className="mt-2 text-xs text-slate-600">{usage}</p>
        </div>
      )}
      {list.data?.length ? (
        <Table>
          <THead className="text-xs uppercase text-slate-500">
            <Th className="py-1">Name</Th>
            <Th className="py-1">Key</Th>
            <Th className="py-1">Created</Th>
            <Th className="py-1">Last used</Th>
            <Th />
          </THead>
          <tbody>
            {list.data.map((c) => (
              <Tr key={c.id} className="border-t">
                <Td className="py-1.5">{c.name}</Td>
                <Td className="py-1.5 font-mono text-xs">{c.prefix}…</Td>
                <Td className="py-1.5">{ago(c.createdAt)}</Td>
                <Td className="py-1.5">{c.lastUsedAt ? ago(c.lastUsedAt) : 'never'}</Td>
                <Td className="py-1.5 text-right">
                  {c.revokedAt ? (
                    <Badge tone="warning">revoked</Badge>
                  ) : (
                    <Button
                      variant="danger"
                      onClick={() =>
                        confirm(`Revoke “${c.name}”? Clients using it will be refused.`) && revoke.mutate({ projectId, id: c.id })
                      }
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p className="text-sm text-slate-500">No {noun}s yet.</p>
      )}
    </div>
  );
}
