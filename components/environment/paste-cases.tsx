'use client';
// Many cases at once: one per line, `prompt => expected` or a JSON object. Good lines are added; bad lines are listed
// by number with what is wrong, and stay in the box to be fixed.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { fieldError } from '@/components/ui/field';
import { useAfterEdit } from './use-after-edit';

const PLACEHOLDER = `3+7? => 10
20-8? => 12
{"prompt": "Capital of France?", "expected": "Paris", "matcher": "exact", "tags": {"skill": "geography"}}`;

export function PasteCases({ projectId, scenarioId }: { projectId: string; scenarioId: string }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(projectId);
  const [text, setText] = useState('');
  const paste = useMutation(
    trpc.environment.cases.paste.mutationOptions({
      onSuccess: (r) => {
        // Keep only the lines that failed, so they can be fixed and pasted again.
        const lines = text.split(/\r?\n/);
        const bad = new Set(r.errors.map((e) => e.line));
        setText(lines.filter((_, i) => bad.has(i + 1)).join('\n'));
        if (r.added) afterEdit(r);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    paste.mutate({ projectId, scenarioId, text });
  };
  const result = paste.data;
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="Paste cases">
      <label htmlFor="paste-text" className="text-sm font-medium text-slate-700">
        One case per line: <code className="text-xs">prompt =&gt; expected</code> or JSONL{' '}
        <code className="text-xs">{'{prompt, expected, matcher?, tolerance?, tags?}'}</code>
      </label>
      <textarea
        id="paste-text"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={PLACEHOLDER}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-300"
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={paste.isPending || !text.trim()}>
          Add pasted cases
        </Button>
        {result && (
          <span role="status" className="text-sm text-slate-700" data-testid="paste-result">
            Added {result.added} case{result.added === 1 ? '' : 's'}
            {result.errors.length
              ? `; ${result.errors.length} line${result.errors.length === 1 ? '' : 's'} not added (left in the box)`
              : '.'}
          </span>
        )}
        {paste.error && (
          <p role="alert" className="text-sm text-red-700">
            {fieldError(paste.error, 'text') ?? paste.error.message}
          </p>
        )}
      </div>
      {result && result.errors.length > 0 && (
        <ul className="max-h-40 overflow-auto rounded-md bg-red-50 px-3 py-2 text-xs text-red-800" aria-label="Lines not added">
          {result.errors.map((e) => (
            <li key={e.line}>
              Line {e.line}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
