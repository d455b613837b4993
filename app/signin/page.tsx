import { Suspense } from 'react';
import { getDb } from '@/server/db';
import { visibleDemoUsers } from '@/server/setup/demo-visible';
import { hasUsers } from '@/server/setup/first-admin';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata = { title: 'Sign in' };
// Whether demo accounts are listed depends on the running server and its database, not the build.
export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  const db = await getDb();
  const [demo, setUp] = await Promise.all([visibleDemoUsers(db), hasUsers(db)]);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Agent Factory</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in to build, train and ship your agent.</p>
        {!setUp && (
          <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            This install has no users yet. Open the one-time setup link the server printed when it started to create the first admin.
          </p>
        )}
        <Suspense>
          <SignInForm demoUsers={demo} />
        </Suspense>
      </div>
    </main>
  );
}
