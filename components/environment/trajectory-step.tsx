// One turn of a trajectory: what the model wrote, the tool call it made and what came back, or its final answer.
import type { TrajectoryStep } from '@/db/schema';

export function TrajectoryStepView({ step, index }: { step: TrajectoryStep; index: number }) {
  return (
    <div className="grid gap-3 text-sm" data-testid="trajectory-step" data-step={index + 1}>
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Model output · {step.latencyMs} ms</h3>
        <pre className="whitespace-pre-wrap break-words rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">
          {step.output || '(empty)'}
        </pre>
      </section>
      {step.call && (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Tool call</h3>
          <p>
            <span className="font-medium">{step.call.tool}</span>(<code className="rounded bg-slate-100 px-1">{step.call.args}</code>)
          </p>
        </section>
      )}
      {step.observation && (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Observation{step.toolMs !== undefined ? ` · ${step.toolMs} ms` : ''}
          </h3>
          <p
            className={`rounded-md px-3 py-2 font-mono text-xs ${step.observation.kind === 'error' ? 'bg-red-50 text-red-800' : 'bg-emerald-50 text-emerald-900'}`}
            data-testid="observation"
          >
            {step.observation.kind === 'error' ? 'error: ' : 'result: '}
            {step.observation.text}
          </p>
        </section>
      )}
      {step.answer !== undefined && (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Final answer</h3>
          <p className="font-mono text-base" data-testid="final-answer">
            {step.answer || '(empty)'}
          </p>
        </section>
      )}
    </div>
  );
}
