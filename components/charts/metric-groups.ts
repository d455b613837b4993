// A job's metrics split so each chart holds one unit: losses together, accuracies as percentages, and every other
// metric (tokens/s, learning rate, …) on a chart of its own — a loss near 1 next to 10,000 tokens/s is a flat line.
import type { Point } from './series-chart';

export type MetricGroup = { title: string; points: Point[]; yDomain?: [number, number]; unit?: string };

export function metricGroups(points: Point[]): MetricGroup[] {
  const losses = points.filter((p) => /loss/i.test(p.name));
  const accuracies = points.filter((p) => /accuracy|pass_rate|exact_match/i.test(p.name));
  const others = points.filter((p) => !losses.includes(p) && !accuracies.includes(p));
  const groups: MetricGroup[] = [];
  if (losses.length) groups.push({ title: 'Loss', points: losses });
  if (accuracies.length)
    groups.push({
      title: 'Accuracy (%)',
      points: accuracies.map((p) => ({ ...p, value: Math.round(p.value * 1000) / 10 })),
      yDomain: [0, 100],
      unit: '%',
    });
  for (const name of new Set(others.map((p) => p.name)))
    groups.push({ title: name.replaceAll('_', ' '), points: others.filter((p) => p.name === name) });
  return groups;
}
