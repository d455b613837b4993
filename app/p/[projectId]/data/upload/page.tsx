// Data › Upload: send a file (engineers and admins), see past uploads and how to use the API and CLI (everyone who reads).
import { headers } from 'next/headers';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { env } from '@/server/env';
import { Card } from '@/components/ui/card';
import { UploadForm } from '@/components/data/upload/upload-form';
import { UploadHistory } from '@/components/data/upload/upload-history';
import { ApiUsage } from '@/components/data/upload/api-usage';

export const metadata = { title: 'Data · Upload' };

export default async function UploadPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const h = await headers();
  const origin = env.NEXTAUTH_URL ?? `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  return (
    <div className="grid gap-6">
      {allows('write', role) && (
        <Card title="Upload interactions">
          <UploadForm projectId={projectId} maxBytes={env.MAX_UPLOAD_BYTES} />
        </Card>
      )}
      <Card title="Past uploads">
        <UploadHistory projectId={projectId} />
      </Card>
      <Card title="Send from your agents">
        <ApiUsage origin={origin.replace(/\/$/, '')} projectId={projectId} isAdmin={allows('admin', role)} />
      </Card>
    </div>
  );
}
