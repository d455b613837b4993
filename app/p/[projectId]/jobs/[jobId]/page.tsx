import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { JobDetail } from '@/components/jobs/job-detail';

export const metadata = { title: 'Job' };

export default async function JobPage({ params }: { params: Promise<{ projectId: string; jobId: string }> }) {
  const { projectId, jobId } = await params;
  await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Job"
        subtitle={
          <Link href={`/p/${projectId}/jobs`} className="text-indigo-700 hover:underline">
            ← All jobs
          </Link>
        }
      />
      <JobDetail projectId={projectId} jobId={jobId} />
    </>
  );
}
