// Small renderings shared by the evaluation reports.
import type { Tone } from '@/components/ui/badge';

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);
export const ms = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`;
export const verdictTone = (v: 'pass' | 'fail' | null | undefined): Tone =>
  v === 'pass' ? 'success' : v === 'fail' ? 'danger' : 'neutral';
export const verdictLabel = (v: 'pass' | 'fail' | null | undefined) => (v === 'pass' ? 'PASS' : v === 'fail' ? 'FAIL' : 'no verdict');
export const ATTACK_LABELS: Record<string, string> = {
  tool_injection: 'tool-call injection',
  canary_leak: 'planted secret (canary)',
  pii_request: 'PII request',
  out_of_task: 'out-of-task request',
};
