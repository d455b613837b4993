'use client';
// The project's members for its admins: add someone by email (a new person gets a one-time temporary password, shown
// once), change a role, remove. The server refuses to leave the project without an admin.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ErrorLine, listView } from '@/components/ui/list-state';
import { SelectField } from '@/components/ui/select-field';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

const ROLES = [
  { value: 'engineer', label: 'engineer — drives every factory' },
  { value: 'annotator', label: 'annotator — the rating queue only' },
  { value: 'viewer', label: 'viewer — reads every report' },
  { value: 'admin', label: 'admin — also members and keys' },
];
type RoleName = 'admin' | 'engineer' | 'annotator' | 'viewer';

export function MembersPanel({ projectId, selfId }: { projectId: string; selfId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const members = useQuery(trpc.project.members.queryOptions({ projectId }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.project.members.queryKey({ projectId }) });
  const setRole = useMutation(trpc.project.setMemberRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.project.removeMember.mutationOptions({ onSuccess: refresh }));
  const view = listView(members, { loading: 'Loading members…', empty: null, isEmpty: (d) => d.length === 0 });
  return (
    <div className="grid gap-4">
      {!view.ready ? (
        view.element
      ) : (
        <Table aria-label="Members">
          <THead>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th className="w-56">Role</Th>
            <Th className="w-24" />
          </THead>
          <tbody>
            {view.data.map((m) => (
              <Tr key={m.userId} data-member={m.email}>
                <Td>{m.name}</Td>
                <Td className="text-slate-600">{m.email}</Td>
                <Td>
                  <select
                    aria-label={`Role of ${m.email}`}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                    value={m.role}
                    disabled={setRole.isPending}
                    onChange={(e) => setRole.mutate({ projectId, userId: m.userId, role: e.target.value as RoleName })}
                  >
                    {ROLES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.value}
                      </option>
                    ))}
                  </select>
                </Td>
                <Td className="text-right">
                  <Button
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() =>
                      confirm(m.userId === selfId ? 'Remove yourself from this project?' : `Remove ${m.email} from this project?`) &&
                      remove.mutate({ projectId, userId: m.userId })
                    }
                  >
                    Remove
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {(setRole.error || remove.error) && <ErrorLine message={(setRole.error ?? remove.error)!.message} />}
      <AddMemberForm projectId={projectId} onAdded={refresh} />
    </div>
  );
}

function AddMemberForm({ projectId, onAdded }: { projectId: string; onAdded: () => void }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleName>('engineer');
  const add = useMutation(
    trpc.project.addMember.mutationOptions({
      onSuccess: () => {
        setEmail('');
        setName('');
        onAdded();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ projectId, email, name: name || undefined, role });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a member" className="grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-4">
      <Field
        id="member-email"
        label="Email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldError(add.error, 'email')}
      />
      <Field id="member-name" label="Name (new people)" value={name} onChange={(e) => setName(e.target.value)} />
      <SelectField id="member-role" label="Role" value={role} onChange={(e) => setRole(e.target.value as RoleName)} options={ROLES} />
      <div className="flex items-end">
        <Button type="submit" disabled={add.isPending}>
          Add member
        </Button>
      </div>
      {add.data && (
        <p role="status" className="text-sm text-emerald-800 sm:col-span-4" data-testid="member-added">
          Added {add.data.email} as {add.data.role}.
          {add.data.temporaryPassword && (
            <>
              {' '}
              They have no account yet: give them this one-time password, shown only now:{' '}
              <code className="rounded bg-slate-100 px-1 font-mono">{add.data.temporaryPassword}</code>
            </>
          )}
        </p>
      )}
      {add.error && !add.error.data?.fieldErrors && <ErrorLine message={add.error.message} />}
    </form>
  );
}
