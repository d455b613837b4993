// Small renderings shared by the Environment screens: pass rates, validation tones, scenario type labels.
import type { Tone } from '@/components/ui/badge';

export const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function passRate(passed: number, of: number): string {
  return of ? `${pct(passed / of)} (${passed}/${of})` : '—';
}

export const validationTone: Record<string, Tone> = { unvalidated: 'neutral', passed: 'success', failed: 'danger' };

export const TYPE_LABEL: Record<string, string> = { math_calculator: 'Math with a calculator', qa_exact: 'Questions with exact answers' };
