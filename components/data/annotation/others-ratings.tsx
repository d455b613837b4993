// On open (non-blind) queues only: what other raters and the judge said. The server sends nothing of this on blind queues.
import { formatRating } from './scale';

type Others = { rater: string; value: number | null; comment: string | null }[];

export function OthersRatings({
  others,
  judge,
  points,
}: {
  others: Others;
  judge: { value: number; reason: string; model: string } | null;
  points: number;
}) {
  if (!others.length && !judge) return <p className="text-sm text-slate-500">Nobody else has rated this item yet.</p>;
  return (
    <ul className="grid gap-1.5 text-sm" aria-label="Other ratings">
      {others.map((o, i) => (
        <li key={i} className="flex flex-wrap gap-x-2">
          <span className="font-medium">{o.rater}</span>
          <span className="tabular-nums">{o.value === null ? '—' : formatRating(o.value, points)}</span>
          {o.comment && <span className="text-slate-500">“{o.comment}”</span>}
        </li>
      ))}
      {judge && (
        <li className="flex flex-wrap gap-x-2">
          <span className="font-medium">LLM judge</span>
          <span className="tabular-nums">{formatRating(judge.value, points, { withStored: true })}</span>
          {judge.reason && <span className="text-slate-500">“{judge.reason}”</span>}
        </li>
      )}
    </ul>
  );
}
