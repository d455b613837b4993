'use client';
import { useRouter } from 'next/navigation';

export function ProjectSwitcher({ current, projects }: { current: string; projects: { id: string; name: string; role: string }[] }) {
  const router = useRouter();
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-500">
      Project
      <select
        aria-label="Project"
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
        value={current}
        onChange={(e) => router.push(`/p/${e.target.value}`)}
      >
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.role})
          </option>
        ))}
      </select>
    </label>
  );
}
