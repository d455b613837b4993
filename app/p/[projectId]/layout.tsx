// The app shell of a project: sidebar filtered by role, project switcher, who is signed in.
import type { ReactNode } from 'react';
import Link from 'next/link';
import { getDb } from '@/server/db';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { projectsOf } from '@/server/projects/membership';
import { navItems } from '@/components/shell/nav-items';
import { Sidebar } from '@/components/shell/sidebar';
import { ProjectSwitcher } from '@/components/shell/project-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { Badge } from '@/components/ui/badge';

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, role } = await requireProjectAccess(projectId, 'member');
  const projects = await projectsOf(await getDb(), user.id);
  const items = navItems(projectId).filter((i) => allows(i.access, role));
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col gap-6 border-r border-slate-200 bg-white p-4">
        <Link href="/" className="text-base font-semibold tracking-tight">
          Agent Factory
        </Link>
        <ProjectSwitcher current={projectId} projects={projects} />
        <Sidebar items={items} />
        <div className="mt-auto flex flex-col gap-1 border-t border-slate-100 pt-3 text-xs text-slate-600">
          <span className="truncate" title={user.email}>
            {user.name}
          </span>
          <span className="flex items-center justify-between">
            <Badge tone="info">{role}</Badge>
            <SignOutButton />
          </span>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-8" data-role={role}>
        {children}
      </main>
    </div>
  );
}
