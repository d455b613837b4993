// First-run setup of a real install: the one-time link printed at start opens this page, which creates the first admin.
import Link from 'next/link';
import { getDb } from '@/server/db';
import { hasUsers, setupTokenValid } from '@/server/setup/first-admin';
import { FirstAdminForm } from '@/components/setup/first-admin-form';

export const metadata = { title: 'Set up Agent Factory' };
export const dynamic = 'force-dynamic';

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const db = await getDb();
  const done = await hasUsers(db);
  const valid = !done && !!token && (await setupTokenValid(db, token));
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Set up Agent Factory</h1>
        {done ? (
          <p className="mt-3 text-sm text-slate-600">
            This install is already set up.{' '}
            <Link href="/signin" className="text-indigo-700 hover:underline">
              Sign in
            </Link>
            .
          </p>
        ) : valid ? (
          <>
            <p className="mb-6 mt-1 text-sm text-slate-600">Create the first admin and your first project. Admins invite everyone else.</p>
            <FirstAdminForm token={token!} />
          </>
        ) : (
          <p className="mt-3 text-sm text-slate-600" role="alert">
            This setup link is missing, used or expired. The server prints a fresh one-time link in its log each time it starts while no
            user exists (or set AF_ADMIN_EMAIL and AF_ADMIN_PASSWORD before starting it).
          </p>
        )}
      </div>
    </main>
  );
}
