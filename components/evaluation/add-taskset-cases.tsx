'use client';
// More cases for a taskset, pasted one per line; a version already evaluated gets a new version instead.
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/list-state';

export function AddTasksetCases({ projectId, tasksetId }: { projectId: string; tasksetId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const paste = useMutation(
    trpc.evaluation.cases.paste.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.evaluation.pathKey() });
        if (r.tasksetId !== tasksetId) router.push(`/p/${projectId}/evaluation/tasksets/${r.tasksetId}`);
        else if (!r.errors.length) setText('');
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    paste.mutate({ projectId, tasksetId, text });
  };
  return (
    <form onSubmit={submit} aria-label="Add cases" className="grid gap-2" data-print="hide">
      <label htmlFor="add-cases" className="text-sm font-medium text-slate-700">
        Add cases, one per line (<code className="text-xs">prompt =&gt; expected</code> or JSONL). A version already evaluated gets a new
        version instead.
      </label>
      <textarea
        id="add-cases"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={paste.isPending || !text.trim()}>
          Add cases
        </Button>
        {paste.data && (
          <span role="status" className="text-sm">
            Added {paste.data.added}
            {paste.data.forkedFrom ? ` to the new version ${paste.data.tasksetId}` : ''}
            {paste.data.errors.length ? `; not added: ${paste.data.errors.map((e) => `line ${e.line} (${e.message})`).join(', ')}` : '.'}
          </span>
        )}
        {paste.error && <ErrorLine message={paste.error.message} />}
      </div>
    </form>
  );
}
