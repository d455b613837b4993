'use client';
// Starts a new pipeline run and opens the wizard on it.
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/list-state';

export function StartWizardButton({
  projectId,
  label = 'Start a new run',
  variant = 'primary',
}: {
  projectId: string;
  label?: string;
  variant?: 'primary' | 'secondary';
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.pipeline.create.mutationOptions({ onSuccess: (run) => router.push(`/p/${projectId}/wizard/${run.id}`) }));
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant={variant} disabled={create.isPending} onClick={() => create.mutate({ projectId })}>
        {label}
      </Button>
      {create.error && <ErrorLine message={create.error.message} />}
    </span>
  );
}
