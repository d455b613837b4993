// Whether a trained model beats the scenario's baseline agent, in one sentence both the run page and the model card
// show (issue 9 item 12: a run of the defaults could register a 0% model against a 50% baseline and say nothing).

export type BaselineFigures = { valAccuracy: number | null; baselineAccuracy?: number | null };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A plain warning when validation accuracy is below the scenario's baseline (or was never measured); null otherwise. */
export function belowBaselineWarning(m: BaselineFigures): string | null {
  if (m.baselineAccuracy === null || m.baselineAccuracy === undefined) return null;
  if (m.valAccuracy === null)
    return `Validation accuracy was not measured, so this model is not shown to beat the scenario's baseline of ${pct(m.baselineAccuracy)}.`;
  if (m.valAccuracy >= m.baselineAccuracy) return null;
  return `Below the scenario's baseline: validation accuracy ${pct(m.valAccuracy)} against the baseline agent's ${pct(m.baselineAccuracy)}. Train longer or on more data before evaluating or deploying it.`;
}
