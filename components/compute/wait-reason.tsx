// Why one request waits: the short resource per machine with its holders, and when it should start.
import type { WaitExplanation } from '@/server/compute/explain';
import { startsIn } from './format';

export function WaitReason({ wait }: { wait: WaitExplanation }) {
  return (
    <div className="mt-1 flex flex-col gap-1 text-xs text-slate-700">
      <p data-testid="wait-reason">{wait.reason}</p>
      {wait.shortages.some((s) => s.holders.some((h) => h.own)) && (
        <ul className="ml-4 list-disc text-slate-600">
          {wait.shortages
            .flatMap((s) => s.holders.filter((h) => h.own))
            .filter((h, i, all) => all.findIndex((x) => x.id === h.id) === i)
            .map((h) => (
              <li key={h.id}>
                <span className="font-mono">{h.id}</span>
                {h.purpose ? ` (${h.purpose})` : ''}: {h.eta ? `ends ${startsIn(h.eta)}, ${h.note}` : h.note}
              </li>
            ))}
        </ul>
      )}
      <p data-testid="wait-eta">
        <span className="font-medium">Starts:</span> {wait.eta ? `${startsIn(wait.eta)}, ${wait.etaText}` : wait.etaText}
      </p>
    </div>
  );
}
