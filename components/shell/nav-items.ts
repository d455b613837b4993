// Navigation per role: each entry names the access it needs, the same rule the page and the API enforce.
import type { Access } from '@/server/auth/roles';
import { FACTORIES } from './factories';

export type NavItem = { href: string; label: string; access: Access; step?: number };

export function navItems(projectId: string): NavItem[] {
  const base = `/p/${projectId}`;
  return [
    { href: `${base}/wizard`, label: 'Wizard', access: 'read' },
    ...FACTORIES.map((f) => ({ href: `${base}/${f.slug}`, label: f.name, access: 'read' as const, step: f.step })),
    { href: `${base}/annotate`, label: 'Annotation queue', access: 'annotate' },
    { href: `${base}/jobs`, label: 'Jobs', access: 'read' },
    { href: `${base}/settings`, label: 'Settings', access: 'admin' },
  ];
}
