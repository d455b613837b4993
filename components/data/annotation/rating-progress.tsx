// Where the rater stands in the queue: "12 / 40 rated", a bar, skipped items, and which item is on screen.
import { ProgressBar } from '@/components/ui/progress-bar';

export function RatingProgress({
  rated,
  skipped,
  total,
  position,
}: {
  rated: number;
  skipped: number;
  total: number;
  position: number | null;
}) {
  return (
    <div className="grid gap-1.5" data-testid="rating-progress">
      <div className="flex items-baseline justify-between text-sm">
        <span>
          <strong className="text-lg tabular-nums text-slate-900" data-testid="rated-count">
            {rated} / {total}
          </strong>{' '}
          <span className="text-slate-600">rated</span>
          {skipped > 0 && <span className="text-slate-500"> · {skipped} skipped</span>}
        </span>
        {position !== null && (
          <span className="tabular-nums text-slate-500" data-testid="item-position">
            Item {position + 1} of {total}
          </span>
        )}
      </div>
      <ProgressBar value={total ? rated / total : 0} label="Rated so far" />
    </div>
  );
}
