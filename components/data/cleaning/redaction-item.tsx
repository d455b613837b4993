'use client';
// One redacted text, before and after side by side, and the reviewer's verdict on it. A verdict also becomes a gold
// label, so it refreshes the measured quality along with the list.
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ago } from '@/components/ui/format';
import type { LabelledSpan } from '@/db/schema';
import { toEntities, type RedactionRow } from './format';
import { MarkedPlaceholders, MarkedSpans } from './highlighted-text';
import { SpanEditor } from './span-editor';

export function RedactionItem({
  projectId,
  runId,
  row,
  canWrite,
}: {
  projectId: string;
  runId: string;
  row: RedactionRow;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const review = useMutation(
    trpc.data.cleaning.review.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        await Promise.all([
          qc.invalidateQueries({ queryKey: trpc.data.cleaning.redactions.pathKey() }),
          qc.invalidateQueries({ queryKey: trpc.data.cleaning.quality.pathKey() }),
        ]);
      },
    }),
  );
  const reviewed = row.review !== 'pending';
  // After a review the reviewer's spans are the truth; the detector's are only a proposal until then.
  const spans = ((reviewed && row.labelled) || row.found) as LabelledSpan[];
  const send = (verdict: 'approved' | 'corrected', entities?: LabelledSpan[]) =>
    review.mutate({ projectId, runId, eventId: row.eventId, field: row.field, verdict, entities: entities && toEntities(entities) });

  return (
    <li className="flex flex-col gap-2 py-3" data-redaction={`${row.eventId}:${row.field}`} data-review={row.review}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <Link href={`/p/${projectId}/data/events/${row.eventId}`} className="font-mono text-indigo-700 hover:underline">
          {row.eventId}
        </Link>
        <span className="uppercase">{row.field}</span>
        {reviewed ? (
          <>
            <Badge tone="success">reviewed: {row.review}</Badge>
            <span>{ago(row.reviewedAt)}</span>
          </>
        ) : (
          <Badge tone="warning">pending review</Badge>
        )}
        <span>{spans.map((s) => s.type).join(', ') || 'no spans'}</span>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <p className="mb-1 text-xs font-medium text-slate-500">Before</p>
          <p className="whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-sm leading-relaxed" data-testid="redaction-before">
            <MarkedSpans text={row.before} spans={spans} />
          </p>
        </div>
        <div>
          <p className="mb-1 text-xs font-medium text-slate-500">After</p>
          <p className="whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-sm leading-relaxed" data-testid="redaction-after">
            <MarkedPlaceholders text={row.after} />
          </p>
        </div>
      </div>
      {canWrite && !editing && (
        <div className="flex gap-2">
          <Button
            type="button"
            variant={reviewed ? 'secondary' : 'primary'}
            disabled={review.isPending || row.review === 'approved'}
            onClick={() => send('approved')}
          >
            Approve
          </Button>
          <Button type="button" variant="secondary" disabled={review.isPending} onClick={() => setEditing(true)}>
            Correct
          </Button>
        </div>
      )}
      {canWrite && editing && (
        <SpanEditor
          text={row.before}
          initial={spans}
          pending={review.isPending}
          error={review.error?.message ?? null}
          onSubmit={(s) => send('corrected', s)}
          onCancel={() => setEditing(false)}
        />
      )}
      {!editing && review.error && (
        <p role="alert" className="text-sm text-red-700">
          {review.error.message}
        </p>
      )}
    </li>
  );
}
