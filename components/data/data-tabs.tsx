'use client';
// The Data page's tabs: collect and explore (Events, Upload), clean, annotate, and build (Datasets).
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function DataTabs({ projectId }: { projectId: string }) {
  const pathname = usePathname();
  const base = `/p/${projectId}/data`;
  const tabs = [
    { href: base, label: 'Events', active: pathname === base || pathname.startsWith(`${base}/events`) },
    { href: `${base}/upload`, label: 'Upload' },
    { href: `${base}/cleaning`, label: 'Cleaning' },
    { href: `${base}/annotation`, label: 'Annotation' },
    { href: `${base}/datasets`, label: 'Datasets' },
  ].map((t) => ({ ...t, active: t.active ?? (pathname === t.href || pathname.startsWith(`${t.href}/`)) }));
  return (
    <nav aria-label="Data sections" className="mb-6 flex gap-1 border-b border-slate-200">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.active ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800'}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
