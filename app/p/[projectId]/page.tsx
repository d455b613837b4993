import { redirect } from 'next/navigation';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { homePath } from '@/server/auth/roles';

export default async function ProjectHome({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'member');
  redirect(homePath(projectId, role));
}
