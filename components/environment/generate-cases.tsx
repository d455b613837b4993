'use client';
// Generates arithmetic cases from a recipe: which operations over which operand ranges, how many, from which seed.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { useAfterEdit } from './use-after-edit';

type Op = '+' | '-' | '*' | '/';
type Row = { op: Op; label: string; on: boolean; min: string; max: string };

const START: Row[] = [
  { op: '+', label: 'Addition (+)', on: true, min: '0', max: '99' },
  { op: '-', label: 'Subtraction (−)', on: true, min: '0', max: '99' },
  { op: '*', label: 'Multiplication (×)', on: true, min: '0', max: '12' },
  { op: '/', label: 'Division (÷, whole results)', on: false, min: '1', max: '12' },
];

export function GenerateCases({ projectId, scenarioId }: { projectId: string; scenarioId: string }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(projectId);
  const [rows, setRows] = useState(START);
  const [count, setCount] = useState('20');
  const [seed, setSeed] = useState('1');
  const [template, setTemplate] = useState('What is {expr}?');
  const generate = useMutation(trpc.environment.cases.generate.mutationOptions({ onSuccess: afterEdit }));
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const operations = rows.filter((r) => r.on).map((r) => ({ op: r.op, min: Number(r.min), max: Number(r.max) }));
    generate.mutate({
      projectId,
      scenarioId,
      recipe: { operations, count: Number(count), seed: Number(seed), template, allowNegative: false },
    });
  };
  const recipeError = fieldError(generate.error, 'recipe') ?? fieldError(generate.error, 'operations');
  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label="Generate arithmetic cases">
      <fieldset className="grid gap-2 md:grid-cols-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Operations and operand ranges</legend>
        {rows.map((r, i) => (
          <div key={r.op} className="flex items-center gap-2 text-sm">
            <label className="flex w-52 items-center gap-2">
              <input type="checkbox" checked={r.on} onChange={(e) => set(i, { on: e.target.checked })} />
              {r.label}
            </label>
            <input
              aria-label={`${r.label} from`}
              type="number"
              min={0}
              value={r.min}
              onChange={(e) => set(i, { min: e.target.value })}
              disabled={!r.on}
              className="w-20 rounded-md border border-slate-300 px-2 py-1"
            />
            <span className="text-slate-500">to</span>
            <input
              aria-label={`${r.label} to`}
              type="number"
              min={0}
              value={r.max}
              onChange={(e) => set(i, { max: e.target.value })}
              disabled={!r.on}
              className="w-20 rounded-md border border-slate-300 px-2 py-1"
            />
          </div>
        ))}
      </fieldset>
      <div className="grid grid-cols-3 gap-3">
        <Field id="gen-count" label="How many" type="number" min={1} max={1000} value={count} onChange={(e) => setCount(e.target.value)} />
        <Field
          id="gen-seed"
          label="Seed"
          type="number"
          min={0}
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
          hint="Same seed, same cases"
        />
        <Field
          id="gen-template"
          label="Prompt template"
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
          hint="{expr} becomes e.g. 42+28"
        />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={generate.isPending}>
          Generate cases
        </Button>
        {generate.data && (
          <span role="status" className="text-sm text-slate-700">
            Added {generate.data.added} cases
            {generate.data.shortBy ? ` (${generate.data.shortBy} fewer than asked: these ranges hold no more new questions)` : '.'}
          </span>
        )}
        {generate.error && (
          <p role="alert" className="text-sm text-red-700">
            {recipeError ?? generate.error.message}
          </p>
        )}
      </div>
    </form>
  );
}
