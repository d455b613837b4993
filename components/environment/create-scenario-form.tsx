'use client';
// Starts a new scenario (version 1): a name that becomes its id, a type that brings its tools, a description.
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';

const TYPES = [
  { value: 'math_calculator', label: 'Math with a calculator (tool: calculator)' },
  { value: 'qa_exact', label: 'Questions with exact answers (no tools)' },
];

export function CreateScenarioForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState('');
  const [type, setType] = useState<'math_calculator' | 'qa_exact'>('math_calculator');
  const [description, setDescription] = useState('');
  const create = useMutation(
    trpc.environment.scenarios.create.mutationOptions({
      onSuccess: (s) => {
        void qc.invalidateQueries({ queryKey: trpc.environment.pathKey() });
        router.push(`/p/${projectId}/environment/${s.id}?tab=cases`);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ projectId, name, type, description });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,2fr)_auto] md:items-start"
      aria-label="New scenario"
    >
      <Field
        id="scn-name"
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="math_basics"
        hint="Becomes the id scn_<name>_v1"
        error={fieldError(create.error, 'name')}
      />
      <SelectField
        id="scn-type"
        label="Type"
        value={type}
        onChange={(e) => setType(e.target.value as typeof type)}
        options={TYPES}
        error={fieldError(create.error, 'type')}
      />
      <Field
        id="scn-description"
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        placeholder="What the agent is tried on"
        error={fieldError(create.error, 'description')}
      />
      <Button type="submit" disabled={create.isPending} className="md:mt-6">
        Create scenario
      </Button>
      {create.error && !fieldError(create.error, 'name') && !fieldError(create.error, 'description') && (
        <p role="alert" className="text-sm text-red-700 md:col-span-4">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
