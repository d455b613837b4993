import { Suspense } from 'react';
import { DEMO_USERS } from '@/server/main/demo-seed';
import { env } from '@/server/env';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata = { title: 'Sign in' };
// Whether demo accounts are listed depends on the running server's SEED_DEMO, not the build's.
export const dynamic = 'force-dynamic';

export default function SignInPage() {
  const demo = env.SEED_DEMO === false ? [] : DEMO_USERS.map(({ email, password, role }) => ({ email, password, role }));
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Agent Factory</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in to build, train and ship your agent.</p>
        <Suspense>
          <SignInForm demoUsers={demo} />
        </Suspense>
      </div>
    </main>
  );
}
