// Agreement at a glance: Krippendorff's alpha among humans, the judge against humans, and the trust verdict with its rule.
import { Badge, type Tone } from '@/components/ui/badge';

type Report = {
  humans: { alpha: number | null; pairedItems: number; meanAbsDiff: number | null };
  judge: {
    coRatedItems: number;
    alpha: number | null;
    alphaVsMean: number | null;
    meanAbsDiffVsMean: number | null;
    meanAbsDiff: number | null;
  } | null;
  verdict: { trusted: boolean; status: string; reason: string };
  rule: { MIN_CO_RATED: number; MIN_HUMAN_PAIRED: number; RELIABLE_ALPHA: number; TOLERANCE: number };
};

const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));

/** Krippendorff's own reading of alpha: ≥ 0.8 reliable, ≥ the trust rule's bar (his 0.667) tentative, below that not reliable. */
function alphaTone(a: number | null, tentative: number): { tone: Tone; label: string } {
  if (a === null) return { tone: 'neutral', label: 'not enough data' };
  if (a >= 0.8) return { tone: 'success', label: 'reliable' };
  if (a >= tentative) return { tone: 'warning', label: 'tentative' };
  return { tone: 'danger', label: 'unreliable' };
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <div className="text-xs uppercase tracking-wide text-slate-500">{label}</div>
      <div className="text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </div>
      {note && <div className="mt-0.5 text-xs text-slate-500">{note}</div>}
    </div>
  );
}

export function AgreementPanel({ report }: { report: Report }) {
  const { humans, judge, verdict, rule } = report;
  const h = alphaTone(humans.alpha, rule.RELIABLE_ALPHA);
  const verdictTone: Tone = verdict.trusted ? 'success' : verdict.status === 'not_trusted' ? 'danger' : 'neutral';
  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure
          label="Human agreement (α)"
          value={num(humans.alpha)}
          testId="human-alpha"
          note={
            <>
              <Badge tone={h.tone}>{h.label}</Badge> on {humans.pairedItems} items with 2+ raters
            </>
          }
        />
        <Figure label="Human mean |Δ|" value={num(humans.meanAbsDiff)} note="between two raters on one item" />
        <Figure
          label="Judge vs humans (α)"
          value={num(judge?.alpha)}
          testId="judge-alpha"
          note={judge ? `${judge.coRatedItems} items rated by both; vs human mean α = ${num(judge.alphaVsMean)}` : 'no judge scores yet'}
        />
        <Figure
          label="Judge mean |Δ|"
          value={num(judge?.meanAbsDiffVsMean)}
          note={judge ? `from the human mean; from single raters ${num(judge.meanAbsDiff)}` : undefined}
        />
      </div>
      <div
        className={`rounded-md border px-3 py-2 text-sm ${verdict.trusted ? 'border-emerald-200 bg-emerald-50' : 'border-slate-200 bg-slate-50'}`}
        data-testid="judge-verdict"
        data-status={verdict.status}
      >
        <Badge tone={verdictTone}>{verdict.trusted ? 'Judge trusted' : 'Judge not trusted'}</Badge>{' '}
        <span className="text-slate-700">{verdict.reason}</span>
      </div>
      <details className="text-sm text-slate-600">
        <summary className="cursor-pointer text-slate-700">How this is decided</summary>
        <p className="mt-2">
          Agreement is Krippendorff’s alpha (interval metric; 1 = perfect, 0 = chance, missing ratings allowed). The judge counts as one
          more rater: its alpha is computed over (judge, human) pairs, so it compares with the humans’ own alpha like for like. The judge is
          trusted only when at least {rule.MIN_CO_RATED} items have both a judge score and a human rating, at least {rule.MIN_HUMAN_PAIRED}{' '}
          items have two or more human ratings, the humans themselves agree (α ≥ {rule.RELIABLE_ALPHA}), and the judge’s alpha is no more
          than {rule.TOLERANCE} below theirs.
        </p>
      </details>
    </div>
  );
}
