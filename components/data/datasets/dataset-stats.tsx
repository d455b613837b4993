'use client';
// A version's frozen statistics: how long its prompts and responses are, and how raters scored its examples.
import type { DatasetStats as Stats } from '@/db/schema';
import { HistogramChart } from '@/components/charts/histogram-chart';

export function DatasetStats({ stats, total }: { stats: Stats; total: number }) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">Prompt length (characters)</h3>
        <HistogramChart bins={stats.promptLength} label="Prompt length histogram" />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">Response length (characters)</h3>
        <HistogramChart bins={stats.responseLength} label="Response length histogram" color="#059669" />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">
          Mean human rating ({stats.rated.toLocaleString()} of {total.toLocaleString()} rated)
        </h3>
        {stats.rated ? (
          <HistogramChart bins={stats.rating} label="Rating distribution" color="#d97706" />
        ) : (
          <p className="text-sm text-slate-500">
            No example of this version had been rated when it was built. Ratings come from the annotation queues.
          </p>
        )}
      </div>
    </div>
  );
}
