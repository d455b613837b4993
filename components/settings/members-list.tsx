'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';

export function MembersList({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.project.members.queryOptions({ projectId }));
  return (
    <ul className="flex flex-col gap-1.5 text-sm">
      {data?.map((m) => (
        <li key={m.userId} className="flex items-center justify-between">
          <span>
            {m.name} <span className="text-slate-500">{m.email}</span>
          </span>
          <Badge>{m.role}</Badge>
        </li>
      ))}
    </ul>
  );
}
