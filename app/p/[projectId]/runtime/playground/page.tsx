import { requireProjectAccess } from '@/server/auth/page-guard';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Playground } from '@/components/runtime/playground';

export const metadata = { title: 'Playground' };

export default async function PlaygroundPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ name?: string }>;
}) {
  const { projectId } = await params;
  const { name } = await searchParams;
  await requireProjectAccess(projectId, 'write');
  return (
    <>
      <PageHeader title="Playground" subtitle="Chat with a deployment; each exchange is served and logged like an API call." />
      <Card>
        <Playground projectId={projectId} initialName={name} />
      </Card>
    </>
  );
}
