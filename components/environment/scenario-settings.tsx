'use client';
// Edits a version's description and tools (a used version gets a new version instead, like every edit).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { fieldError } from '@/components/ui/field';
import { useAfterEdit } from './use-after-edit';

type Props = { projectId: string; scenarioId: string; description: string; tools: string[]; onDone: () => void };

export function ScenarioSettings({ projectId, scenarioId, description: initialDescription, tools: initialTools, onDone }: Props) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(projectId);
  const registry = useQuery(trpc.environment.tools.queryOptions({ projectId }));
  const [description, setDescription] = useState(initialDescription);
  const [tools, setTools] = useState(new Set(initialTools));
  const update = useMutation(
    trpc.environment.scenarios.update.mutationOptions({
      onSuccess: (r) => {
        afterEdit(r);
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ projectId, scenarioId, description, tools: [...tools] });
  };
  const toggle = (name: string) =>
    setTools((s) => {
      const next = new Set(s);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-3 border-t border-slate-100 pt-4" aria-label="Edit scenario details">
      <label htmlFor="scn-edit-description" className="text-sm font-medium text-slate-700">
        Description
      </label>
      <textarea
        id="scn-edit-description"
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium text-slate-700">Tools the agent may call</legend>
        {(registry.data ?? []).map((t) => (
          <label key={t.name} className="flex items-center gap-2" title={t.description}>
            <input type="checkbox" checked={tools.has(t.name)} onChange={() => toggle(t.name)} />
            {t.name}{' '}
            <span className="text-xs text-slate-500">
              e.g. {t.example.args} → {t.example.result}
            </span>
          </label>
        ))}
      </fieldset>
      {(fieldError(update.error, 'tools') ?? update.error?.message) && (
        <p role="alert" className="text-sm text-red-700">
          {fieldError(update.error, 'tools') ?? update.error?.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={update.isPending}>
          Save details
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
