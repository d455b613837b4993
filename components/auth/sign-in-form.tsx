'use client';
import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

export function SignInForm({ demoUsers }: { demoUsers: { email: string; password: string; role: string }[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const res = await signIn('credentials', { email, password, redirect: false });
    setPending(false);
    // next-auth answers "CredentialsSignin" for a wrong password; any other text is our own (the throttle's wait).
    if (!res || res.error) return setError(!res || res.error === 'CredentialsSignin' ? 'Wrong email or password.' : res.error);
    const next = params.get('callbackUrl');
    router.push(next && next.startsWith('/') ? next : '/');
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Sign in">
        <Field
          id="email"
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={error}
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      {demoUsers.length > 0 && (
        <div className="rounded-md bg-slate-50 p-3 text-xs text-slate-600">
          <p className="mb-2 font-medium text-slate-700">Demo accounts (local demo data)</p>
          <ul className="flex flex-col gap-1">
            {demoUsers.map((u) => (
              <li key={u.email}>
                <button
                  type="button"
                  className="text-left hover:text-indigo-700"
                  onClick={() => {
                    setEmail(u.email);
                    setPassword(u.password);
                  }}
                >
                  <span className="inline-block w-20 font-medium">{u.role}</span>
                  {u.email}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
