'use client';
// What can be done with a finished run: everyone may export it (CSV, JSON) or print it; engineers may re-score it
// (new judge or policy, no model call) and send a FAILed model back to training with its failed cases.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';

const linkClass = 'rounded-md bg-white px-3 py-1.5 text-sm font-medium shadow-sm ring-1 ring-slate-300 hover:bg-slate-50';

export function RunActions({
  projectId,
  runId,
  canWrite,
  finished,
  canSendBack,
  sentBackDatasetId,
}: {
  projectId: string;
  runId: string;
  canWrite: boolean;
  finished: boolean;
  canSendBack: boolean;
  sentBackDatasetId: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const rescore = useMutation(
    trpc.evaluation.runs.rescore.mutationOptions({ onSuccess: (r) => router.push(`/p/${projectId}/evaluation/runs/${r.runId}`) }),
  );
  const sendBack = useMutation(
    trpc.evaluation.runs.backToTraining.mutationOptions({
      onSuccess: (r) => {
        const q = new URLSearchParams({
          name: r.training.name,
          datasetId: r.training.datasetId,
          scenarioId: r.training.scenarioId,
          base: r.training.base,
          modelSize: r.training.modelSize,
          epochs: String(r.training.epochs),
          maxSeconds: String(r.training.maxSeconds),
          sentBackBy: r.training.sentBackBy,
        });
        router.push(`/p/${projectId}/training?${q}`);
      },
    }),
  );
  const base = `/api/evaluation/${projectId}/runs/${runId}/export`;
  return (
    <div className="flex flex-wrap items-center gap-2" data-print="hide">
      {finished && (
        <>
          <a className={linkClass} href={`${base}?format=csv`} download>
            Export CSV
          </a>
          <a className={linkClass} href={`${base}?format=json`} download>
            Export JSON
          </a>
          <Button variant="secondary" onClick={() => window.print()}>
            Print / PDF
          </Button>
        </>
      )}
      {canWrite && finished && (
        <Button variant="secondary" disabled={rescore.isPending} onClick={() => rescore.mutate({ projectId, runId })}>
          Re-score
        </Button>
      )}
      {canWrite && canSendBack && (
        <Button disabled={sendBack.isPending} onClick={() => sendBack.mutate({ projectId, runId })}>
          Back to training
        </Button>
      )}
      {sentBackDatasetId && (
        <Link className="text-sm text-indigo-700 hover:underline" href={`/p/${projectId}/data/datasets/${sentBackDatasetId}`}>
          Sent back as {sentBackDatasetId}
        </Link>
      )}
      {(rescore.error ?? sendBack.error) && (
        <p role="alert" className="text-sm text-red-700">
          {(rescore.error ?? sendBack.error)!.message}
        </p>
      )}
    </div>
  );
}
