// How the Runtime pages spell statuses, latencies and rates.
import type { Tone } from '@/components/ui/badge';

export const deploymentTone: Record<string, Tone> = { starting: 'info', live: 'success', stopped: 'neutral', failed: 'danger' };
export const healthTone: Record<string, Tone> = { healthy: 'success', warm: 'success', unhealthy: 'danger', cold: 'warning' };

export const ms = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : v < 10 ? `${v.toFixed(2)} ms` : `${Math.round(v)} ms`;
export const us = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} µs`);
export const rate = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
