'use client';
// The first admin's account and first project; on success it signs them in and opens the project.
import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ErrorLine } from '@/components/ui/list-state';

export function FirstAdminForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [f, setF] = useState({ email: '', name: '', password: '', projectName: 'My first project' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const create = useMutation(
    trpc.setup.createFirstAdmin.mutationOptions({
      onSuccess: async ({ projectId }) => {
        await signIn('credentials', { email: f.email, password: f.password, redirect: false });
        router.push(`/p/${projectId}/wizard`);
        router.refresh();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ token, ...f });
  };
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="First admin">
      <Field id="setup-name" label="Your name" value={f.name} onChange={set('name')} error={fieldError(create.error, 'name')} />
      <Field
        id="setup-email"
        label="Email"
        type="email"
        autoComplete="username"
        value={f.email}
        onChange={set('email')}
        error={fieldError(create.error, 'email')}
      />
      <Field
        id="setup-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        value={f.password}
        onChange={set('password')}
        error={fieldError(create.error, 'password')}
        hint="At least 12 characters"
      />
      <Field
        id="setup-project"
        label="First project"
        value={f.projectName}
        onChange={set('projectName')}
        error={fieldError(create.error, 'projectName')}
      />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create admin and project'}
      </Button>
      {create.error && !create.error.data?.fieldErrors && <ErrorLine message={create.error.message} />}
    </form>
  );
}
