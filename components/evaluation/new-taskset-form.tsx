'use client';
// A new taskset from where cases already are: a scenario's cases, pasted lines, the arithmetic generator, or a file
// in OpenAI Evals (JSONL), promptfoo (YAML) or Inspect (JSONL) format. Bad rows are listed with their line or test index.
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { FilterPills } from '@/components/ui/filter-pills';
import { ErrorLine } from '@/components/ui/list-state';
import { SelectField } from '@/components/ui/select-field';
import { ImportReport } from './import-report';

const MODES = ['From a scenario', 'Paste', 'Generate', 'Import a file'] as const;
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
type Difficulty = (typeof DIFFICULTIES)[number];

export function NewTasksetForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState(0);
  const [name, setName] = useState('');
  const [difficulty, setDifficulty] = useState<Difficulty>('medium');
  const [tags, setTags] = useState('');
  const [scenarioId, setScenarioId] = useState('');
  const [text, setText] = useState('');
  const [count, setCount] = useState('100');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [format, setFormat] = useState('');
  const scenarios = useQuery(trpc.environment.scenarios.list.queryOptions({ projectId, pageSize: 100 }));
  const go = (id: string) => router.push(`/p/${projectId}/evaluation/tasksets/${id}`);
  const fromScenario = useMutation(trpc.evaluation.tasksets.fromScenario.mutationOptions({ onSuccess: (t) => go(t.id) }));
  const fromPaste = useMutation(
    trpc.evaluation.tasksets.fromPaste.mutationOptions({ onSuccess: (r) => !r.errors.length && go(r.taskset.id) }),
  );
  const fromGenerator = useMutation(trpc.evaluation.tasksets.fromGenerator.mutationOptions({ onSuccess: (r) => go(r.taskset.id) }));
  const imported = useMutation(trpc.evaluation.tasksets.import.mutationOptions());
  const active = [fromScenario, fromPaste, fromGenerator, imported][mode]!;
  const common = {
    projectId,
    name,
    difficulty,
    tags: tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
  const scenario = scenarioId || scenarios.data?.rows[0]?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 0) fromScenario.mutate({ ...common, scenarioId: scenario });
    else if (mode === 1) fromPaste.mutate({ ...common, tools: ['calculator'], text });
    else if (mode === 2)
      fromGenerator.mutate({
        ...common,
        recipe: {
          operations: [
            { op: '+', min: 0, max: 999 },
            { op: '-', min: 0, max: 999 },
            { op: '*', min: 0, max: 99 },
          ],
          count: Number(count),
          seed: 1,
          template: 'What is {expr}?',
          allowNegative: false,
        },
      });
    else if (file)
      imported.mutate({
        ...common,
        tools: [],
        text: file.text,
        fileName: file.name,
        ...(format ? { format: format as 'openai-evals' | 'promptfoo' | 'inspect' } : {}),
      });
  };
  const err = (f: string) => fieldError(active.error, f);
  return (
    <form onSubmit={submit} noValidate aria-label="New taskset" className="grid gap-4">
      <FilterPills labels={[...MODES]} selected={mode} onSelect={setMode} label="How to build the taskset" />
      <div className="grid gap-3 md:grid-cols-3">
        <Field
          id="ts-name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={err('name')}
          placeholder="math_holdout"
          hint="Becomes taskset_<name>_v1"
        />
        <SelectField
          id="ts-difficulty"
          label="Difficulty"
          value={difficulty}
          onChange={(e) => setDifficulty(e.target.value as Difficulty)}
          options={DIFFICULTIES.map((d) => ({ value: d, label: d }))}
        />
        <Field id="ts-tags" label="Tags" value={tags} onChange={(e) => setTags(e.target.value)} hint="Comma-separated" />
      </div>
      {mode === 0 && (
        <SelectField
          id="ts-scenario"
          label="Scenario"
          value={scenario}
          onChange={(e) => setScenarioId(e.target.value)}
          error={err('scenarioId')}
          options={(scenarios.data?.rows ?? []).map((s) => ({ value: s.id, label: `${s.id} · ${s.caseCount} cases` }))}
          empty="No scenario yet"
          hint="Its cases, tools and reference solver come along."
        />
      )}
      {mode === 1 && (
        <div className="grid gap-1">
          <label htmlFor="ts-text" className="text-sm font-medium text-slate-700">
            One case per line: <code className="text-xs">prompt =&gt; expected</code> or JSONL{' '}
            <code className="text-xs">{'{prompt, expected, matcher?, tags?}'}</code>
          </label>
          <textarea
            id="ts-text"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
          />
        </div>
      )}
      {mode === 2 && (
        <Field
          id="ts-count"
          label="How many arithmetic questions"
          type="number"
          value={count}
          onChange={(e) => setCount(e.target.value)}
          hint="+ and − over 0..999, × over 0..99"
        />
      )}
      {mode === 3 && (
        <div className="grid gap-3 md:grid-cols-2">
          <div className="grid gap-1">
            <label htmlFor="ts-file" className="text-sm font-medium text-slate-700">
              File (OpenAI Evals .jsonl, promptfoo .yaml, Inspect .jsonl)
            </label>
            <input
              id="ts-file"
              type="file"
              accept=".jsonl,.json,.yaml,.yml"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                setFile(f ? { name: f.name, text: await f.text() } : null);
                if (f && !name)
                  setName(
                    f.name
                      .replace(/\.[^.]+$/, '')
                      .toLowerCase()
                      .replace(/[^a-z0-9]+/g, '_')
                      .replace(/^_+|_+$/g, ''),
                  );
              }}
            />
            {fieldError(imported.error, 'file') && <ErrorLine message={fieldError(imported.error, 'file')!} />}
          </div>
          <SelectField
            id="ts-format"
            label="Format"
            value={format}
            onChange={(e) => setFormat(e.target.value)}
            options={[
              { value: '', label: 'Guess from the file' },
              { value: 'openai-evals', label: 'OpenAI Evals (JSONL)' },
              { value: 'promptfoo', label: 'promptfoo tests (YAML)' },
              { value: 'inspect', label: 'Inspect dataset (JSONL)' },
            ]}
          />
        </div>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={active.isPending || !name || (mode === 3 && !file)}>
          Create taskset
        </Button>
        {active.error && !active.error.data?.fieldErrors && <ErrorLine message={active.error.message} />}
      </div>
      {fromPaste.data && fromPaste.data.errors.length > 0 && (
        <ImportReport
          id={fromPaste.data.taskset.id}
          projectId={projectId}
          imported={fromPaste.data.added}
          rows={fromPaste.data.errors.map((e) => ({ where: `line ${e.line}`, reason: e.message }))}
        />
      )}
      {imported.data && (
        <ImportReport
          id={imported.data.tasksetId}
          projectId={projectId}
          imported={imported.data.imported}
          rows={[...imported.data.rejected, ...imported.data.warnings.map((w) => ({ ...w, reason: `warning: ${w.reason}` }))].map((r) => ({
            where: 'line' in r ? `line ${r.line}` : `test #${r.index}`,
            reason: r.reason,
          }))}
        />
      )}
    </form>
  );
}
