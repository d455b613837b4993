'use client';
// One test case by form: prompt, expected answer, matcher (numeric by default for numbers), tolerance, tags.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { useAfterEdit } from './use-after-edit';

const MATCHERS = [
  { value: '', label: 'Automatic (numeric for numbers, else exact)' },
  { value: 'exact', label: 'Exact text' },
  { value: 'numeric', label: 'Numeric (with tolerance)' },
  { value: 'regex', label: 'Regular expression' },
  { value: 'contains', label: 'Contains (ignoring case)' },
];

type Matcher = 'exact' | 'numeric' | 'regex' | 'contains';

export function CaseForm({ projectId, scenarioId }: { projectId: string; scenarioId: string }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(projectId);
  const [prompt, setPrompt] = useState('');
  const [expected, setExpected] = useState('');
  const [matcher, setMatcher] = useState<Matcher | ''>('');
  const [tolerance, setTolerance] = useState('');
  const [difficulty, setDifficulty] = useState('');
  const [skill, setSkill] = useState('');
  const add = useMutation(
    trpc.environment.cases.add.mutationOptions({
      onSuccess: (r) => {
        setPrompt('');
        setExpected('');
        afterEdit(r);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const tags = { ...(difficulty.trim() ? { difficulty: difficulty.trim() } : {}), ...(skill.trim() ? { skill: skill.trim() } : {}) };
    add.mutate({
      projectId,
      scenarioId,
      prompt,
      expected,
      ...(matcher ? { matcher } : {}),
      ...(tolerance.trim() ? { tolerance: Number(tolerance) } : {}),
      ...(Object.keys(tags).length ? { tags } : {}),
    });
  };
  const err = (f: string) => fieldError(add.error, f);
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="Add a case">
      <Field
        id="case-prompt"
        label="Prompt"
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        placeholder="3+7?"
        error={err('prompt')}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field
          id="case-expected"
          label="Expected answer"
          value={expected}
          onChange={(e) => setExpected(e.target.value)}
          placeholder="10"
          error={err('expected')}
        />
        <SelectField
          id="case-matcher"
          label="Matcher"
          value={matcher}
          onChange={(e) => setMatcher(e.target.value as Matcher | '')}
          options={MATCHERS}
          error={err('matcher')}
        />
      </div>
      <div className="grid grid-cols-3 gap-3">
        <Field
          id="case-tolerance"
          label="Tolerance"
          type="number"
          min={0}
          step="any"
          value={tolerance}
          onChange={(e) => setTolerance(e.target.value)}
          hint="numeric only; default 0"
          error={err('tolerance')}
        />
        <Field
          id="case-difficulty"
          label="Difficulty"
          value={difficulty}
          onChange={(e) => setDifficulty(e.target.value)}
          placeholder="easy"
          error={err('tags')}
        />
        <Field id="case-skill" label="Skill" value={skill} onChange={(e) => setSkill(e.target.value)} placeholder="addition" />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={add.isPending}>
          Add case
        </Button>
        {add.error && !['prompt', 'expected', 'matcher', 'tolerance', 'tags'].some((f) => err(f)) && (
          <p role="alert" className="text-sm text-red-700">
            {add.error.message}
          </p>
        )}
      </div>
    </form>
  );
}
