// Small, shared renderings of job facts.

/** A job-like status that can still change: pages poll while one is active. */
export const isActive = (status: string | null | undefined) => status === 'queued' || status === 'running';

export function ago(date: Date | string | null | undefined): string {
  if (!date) return '—';
  const s = Math.round((Date.now() - new Date(date).getTime()) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return new Date(date).toLocaleDateString();
}

export function duration(start: Date | string | null | undefined, end: Date | string | null | undefined): string {
  if (!start) return '—';
  const ms = (end ? new Date(end) : new Date()).getTime() - new Date(start).getTime();
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}
