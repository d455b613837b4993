'use client';
// One test case in the list; engineers can edit it in place (prompt, expected answer, matcher, tolerance).
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ScenarioCase } from '@/db/schema';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { fieldError } from '@/components/ui/field';
import { useAfterEdit } from './use-after-edit';
import { Td, Tr } from '@/components/ui/table';

type Matcher = ScenarioCase['matcher'];
type Props = { projectId: string; scenarioId: string; c: ScenarioCase; canWrite: boolean; selected: boolean; onToggle: () => void };

const input = 'w-full rounded-md border border-slate-300 px-2 py-1 text-sm';

export function CaseRow({ projectId, scenarioId, c, canWrite, selected, onToggle }: Props) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(projectId);
  const [editing, setEditing] = useState(false);
  const [prompt, setPrompt] = useState(c.prompt);
  const [expected, setExpected] = useState(c.expected);
  const [matcher, setMatcher] = useState<Matcher>(c.matcher);
  const [tolerance, setTolerance] = useState(String(c.tolerance ?? 0));
  const update = useMutation(
    trpc.environment.cases.update.mutationOptions({
      onSuccess: (r) => {
        setEditing(false);
        afterEdit(r);
      },
    }),
  );
  const save = () =>
    update.mutate({
      projectId,
      scenarioId,
      caseId: c.id,
      prompt,
      expected,
      matcher,
      tolerance: matcher === 'numeric' ? Number(tolerance) : null,
      tags: c.tags,
    });
  const error =
    ['prompt', 'expected', 'tolerance', 'matcher'].map((f) => fieldError(update.error, f)).find(Boolean) ?? update.error?.message;

  if (editing) {
    return (
      <Tr className="bg-indigo-50/40" data-case-position={c.position}>
        <Td />
        <Td className="text-slate-500">{c.position}</Td>
        <Td>
          <input aria-label={`Prompt of case ${c.position}`} className={input} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
          {error && (
            <p role="alert" className="mt-1 text-xs text-red-700">
              {error}
            </p>
          )}
        </Td>
        <Td>
          <input
            aria-label={`Expected answer of case ${c.position}`}
            className={input}
            value={expected}
            onChange={(e) => setExpected(e.target.value)}
          />
        </Td>
        <Td>
          <select
            aria-label={`Matcher of case ${c.position}`}
            className={input}
            value={matcher}
            onChange={(e) => setMatcher(e.target.value as Matcher)}
          >
            {['exact', 'numeric', 'regex', 'contains'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          {matcher === 'numeric' && (
            <input
              aria-label={`Tolerance of case ${c.position}`}
              type="number"
              min={0}
              step="any"
              className={`${input} mt-1`}
              value={tolerance}
              onChange={(e) => setTolerance(e.target.value)}
            />
          )}
        </Td>
        <Td className="flex gap-1">
          <Button onClick={save} disabled={update.isPending}>
            Save
          </Button>
          <Button variant="secondary" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </Td>
      </Tr>
    );
  }
  return (
    <Tr data-case-position={c.position}>
      {canWrite && (
        <Td>
          <input type="checkbox" aria-label={`Select case ${c.position}`} checked={selected} onChange={onToggle} />
        </Td>
      )}
      <Td className="text-slate-500">{c.position}</Td>
      <Td className="break-words">{c.prompt}</Td>
      <Td className="font-mono">{c.expected}</Td>
      <Td className="text-slate-600">{c.matcher === 'numeric' ? `numeric ±${c.tolerance ?? 0}` : c.matcher}</Td>
      <Td>
        <span className="flex flex-wrap items-center gap-1">
          {c.tags.difficulty && <Badge tone="info">{c.tags.difficulty}</Badge>}
          {c.tags.skill && <Badge>{c.tags.skill}</Badge>}
          {canWrite && (
            <button
              className="ml-auto text-xs text-indigo-700 hover:underline"
              onClick={() => setEditing(true)}
              aria-label={`Edit case ${c.position}`}
            >
              Edit
            </button>
          )}
        </span>
      </Td>
    </Tr>
  );
}
