// The wizard's six steps in order; each links to its factory and says what it hands to the next.
import Link from 'next/link';
import { FACTORIES } from '@/components/shell/factories';
import { Badge } from '@/components/ui/badge';

export type StepState = 'done' | 'current' | 'todo';

export function Stepper({ projectId, states }: { projectId: string; states: Record<string, StepState> }) {
  return (
    <ol className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Wizard steps">
      {FACTORIES.map((f) => {
        const state = states[f.slug] ?? 'todo';
        return (
          <li key={f.slug} data-step={f.slug} data-state={state}>
            <Link
              href={`/p/${projectId}/${f.slug}`}
              className={`flex h-full flex-col gap-2 rounded-lg border bg-white p-4 shadow-sm transition hover:border-indigo-300 ${state === 'current' ? 'border-indigo-400 ring-2 ring-indigo-100' : 'border-slate-200'}`}
            >
              <span className="flex items-center justify-between">
                <span className="flex items-center gap-2">
                  <span
                    className={`flex h-7 w-7 items-center justify-center rounded-full text-sm font-semibold ${state === 'done' ? 'bg-emerald-500 text-white' : state === 'current' ? 'bg-indigo-600 text-white' : 'bg-slate-200 text-slate-600'}`}
                  >
                    {state === 'done' ? '✓' : f.step}
                  </span>
                  <span className="font-semibold">{f.name}</span>
                </span>
                <Badge tone={state === 'done' ? 'success' : state === 'current' ? 'info' : 'neutral'}>
                  {state === 'done' ? 'Done' : state === 'current' ? 'Next up' : 'Not started'}
                </Badge>
              </span>
              <span className="text-sm text-slate-600">{f.tagline}</span>
              <span className="text-xs text-slate-500">Produces {f.produces}</span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
