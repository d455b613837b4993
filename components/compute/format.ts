// Small renderings of compute facts: sizes, requests, start estimates, status colours.
import type { Tone } from '@/components/ui/badge';

export function memory(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(mb % 1024 === 0 ? 0 : 1)} GB` : `${mb} MB`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeRequest(a: {
  resourceType: 'cpu' | 'gpu';
  count: number;
  memoryMb: number;
  cpus?: number | null;
  partition?: string | null;
  timeLimitMinutes?: number | null;
}): string {
  const what = a.resourceType === 'gpu' ? plural(a.count, 'GPU') : plural(a.count, 'CPU core');
  // A cluster job asks for cores beside its GPUs, on a partition, for a time limit.
  const cores = a.resourceType === 'gpu' && a.cpus ? ` + ${plural(a.cpus, 'core')}` : '';
  const where = a.partition ? ` · partition ${a.partition}` : '';
  const limit = a.timeLimitMinutes ? ` · ≤ ${a.timeLimitMinutes} min` : '';
  return `${what}${cores} · ${memory(a.memoryMb)}${where}${limit}`;
}

/** "in about 4 min (14:05)" for a future start; "any moment now" once it is due. */
export function startsIn(eta: Date | string): string {
  const at = new Date(eta);
  const s = Math.round((at.getTime() - Date.now()) / 1000);
  if (s <= 5) return 'any moment now';
  const clock = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (s < 90) return `in about ${s}s (${clock})`;
  if (s < 5400) return `in about ${Math.round(s / 60)} min (${clock})`;
  return `in about ${Math.round(s / 3600)} h (${clock})`;
}

export const allocationTone: Record<string, Tone> = {
  queued: 'warning',
  granted: 'success',
  released: 'neutral',
  cancelled: 'neutral',
  failed: 'danger',
};
