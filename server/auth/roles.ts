// Who may do what. Roles are not a ladder: annotators write ratings but read nothing else; viewers read everything and write nothing.
import type { Role } from '@/db/schema';

export const ROLES = ['admin', 'engineer', 'annotator', 'viewer'] as const satisfies readonly Role[];

export const ACCESS = {
  /** Read factory dashboards, reports and jobs. */
  read: ['admin', 'engineer', 'viewer'],
  /** Drive the factories: ingest, build, train, deploy. */
  write: ['admin', 'engineer'],
  /** Work the annotation queue. */
  annotate: ['admin', 'engineer', 'annotator'],
  /** Manage the project itself: members, API keys, worker tokens. */
  admin: ['admin'],
  /** Anything a member may do: see the project exists, switch to it. */
  member: ['admin', 'engineer', 'annotator', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Access = keyof typeof ACCESS;

export function allows(access: Access, role: Role | null | undefined): boolean {
  return !!role && (ACCESS[access] as readonly Role[]).includes(role);
}

/** Why `role` may not do what `access` covers, in words for the caller; null when it may. */
export function refusal(access: Access, role: Role | null | undefined): string | null {
  if (allows(access, role)) return null;
  return role ? `Your role (${role}) cannot do this in this project.` : 'You are not a member of this project.';
}

/** Where a member lands after sign-in: annotators have one screen. */
export function homePath(projectId: string, role: Role): string {
  return role === 'annotator' ? `/p/${projectId}/annotate` : `/p/${projectId}/wizard`;
}
