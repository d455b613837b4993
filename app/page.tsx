// The start page is wherever the user works: their first project's home for their role.
import { redirect } from 'next/navigation';
import { getDb } from '@/server/db';
import { requireUser } from '@/server/auth/page-guard';
import { homePath } from '@/server/auth/roles';
import { projectsOf } from '@/server/projects/membership';

export default async function Home() {
  const user = await requireUser('/');
  const [first] = await projectsOf(await getDb(), user.id);
  if (first) redirect(homePath(first.id, first.role));
  return (
    <main className="mx-auto max-w-lg p-12 text-center">
      <h1 className="text-xl font-semibold">No projects yet</h1>
      <p className="mt-2 text-sm text-slate-600">You are signed in as {user.email} but belong to no project. Ask an admin to add you.</p>
    </main>
  );
}
