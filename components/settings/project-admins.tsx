'use client';
// Who to ask: the project's admins, for members who cannot open Settings themselves (API keys, members, tokens).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';

export function ProjectAdmins({ projectId, what }: { projectId: string; what: string }) {
  const trpc = useTRPC();
  const admins = useQuery(trpc.project.admins.queryOptions({ projectId }));
  if (!admins.data?.length) return null;
  return (
    <span data-testid="project-admins">
      Ask an admin of this project for {what}:{' '}
      {admins.data.map((a, i) => (
        <span key={a.email}>
          {i > 0 && ', '}
          {a.name} (
          <a className="text-indigo-700 hover:underline" href={`mailto:${a.email}`}>
            {a.email}
          </a>
          )
        </span>
      ))}
      .
    </span>
  );
}
