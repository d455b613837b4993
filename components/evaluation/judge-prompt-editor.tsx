'use client';
// A taskset's judge prompt: everyone sees it, engineers edit it. It is the judge's configuration, not test content, so
// changing it makes no new version; each run records the prompt it was scored with.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/list-state';

export function JudgePromptEditor({
  projectId,
  tasksetId,
  prompt,
  isDefault,
  canWrite,
}: {
  projectId: string;
  tasksetId: string;
  prompt: string;
  isDefault: boolean;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [text, setText] = useState(prompt);
  const save = useMutation(
    trpc.evaluation.tasksets.setJudgePrompt.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.evaluation.tasksets.pathKey() }),
    }),
  );
  return (
    <div className="grid gap-2">
      <p className="text-xs text-slate-600">
        {isDefault ? 'The default prompt.' : 'This taskset’s own prompt.'} {'{{prompt}}'}, {'{{expected}}'}, {'{{answer}}'} and{' '}
        {'{{transcript}}'} are filled per case; the judge must reply {'{"score": 0-100, "reason": "…"}'}. Each run records the prompt it was
        scored with; changing it needs no new version.
      </p>
      <textarea
        aria-label="Judge prompt"
        rows={10}
        readOnly={!canWrite}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
      />
      {canWrite && (
        <div className="flex gap-2" data-print="hide">
          <Button
            variant="secondary"
            disabled={save.isPending || text === prompt}
            onClick={() => save.mutate({ projectId, tasksetId, prompt: text })}
          >
            Save judge prompt
          </Button>
          {!isDefault && (
            <Button variant="secondary" disabled={save.isPending} onClick={() => save.mutate({ projectId, tasksetId, prompt: null })}>
              Restore the default
            </Button>
          )}
          {save.error && <ErrorLine message={save.error.message} />}
        </div>
      )}
    </div>
  );
}
