// One interaction, readable: the prompt, then the response as protocol steps (tool calls, results, final answer).
import { protocolSteps, type Step } from './protocol-steps';

const stepStyle: Record<Step['kind'], { label: string; className: string }> = {
  text: { label: 'Text', className: 'border-slate-200 bg-white' },
  call: { label: 'Tool call', className: 'border-sky-200 bg-sky-50' },
  result: { label: 'Tool result', className: 'border-slate-200 bg-slate-50' },
  error: { label: 'Tool error', className: 'border-red-200 bg-red-50' },
  answer: { label: 'Final answer', className: 'border-emerald-300 bg-emerald-50' },
};

function StepRow({ step, n }: { step: Step; n: number }) {
  const style = stepStyle[step.kind];
  return (
    <li className={`rounded-md border px-3 py-2 ${style.className}`} data-step={step.kind}>
      <div className="mb-0.5 text-xs font-medium uppercase tracking-wide text-slate-500">
        {n}. {style.label}
        {step.kind === 'call' && <span className="ml-1 font-mono normal-case text-sky-800">{step.tool}</span>}
      </div>
      <div
        className={`whitespace-pre-wrap break-words ${step.kind === 'text' ? 'text-sm' : 'font-mono text-sm'} ${step.kind === 'answer' ? 'text-base font-semibold text-emerald-900' : ''}`}
      >
        {step.kind === 'call' ? step.args : step.text}
      </div>
    </li>
  );
}

export function InteractionView({ prompt, response }: { prompt: string; response: string }) {
  const steps = protocolSteps(response);
  const structured = steps.some((s) => s.kind !== 'text');
  return (
    <div className="grid gap-4">
      <section aria-label="Prompt">
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Prompt</h3>
        <div
          className="whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-white px-3 py-2 text-base"
          data-testid="item-prompt"
        >
          {prompt}
        </div>
      </section>
      <section aria-label="Response">
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Response</h3>
        {structured ? (
          <ol className="grid gap-2" data-testid="item-response">
            {steps.map((s, i) => (
              <StepRow key={i} step={s} n={i + 1} />
            ))}
          </ol>
        ) : (
          <div
            className="whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-white px-3 py-2 text-base"
            data-testid="item-response"
          >
            {response || <span className="italic text-slate-400">(empty response)</span>}
          </div>
        )}
      </section>
    </div>
  );
}
