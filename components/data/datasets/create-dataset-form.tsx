'use client';
// Builds a new dataset version: a name (versions count up per name), a recipe, a seeded train/validation split.
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { emptyRecipe, RecipeFields, toFilter } from './recipe-fields';

export function CreateDatasetForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [recipe, setRecipe] = useState(emptyRecipe);
  const [seed, setSeed] = useState('42');
  const [validation, setValidation] = useState('10');
  const create = useMutation(
    trpc.data.datasets.create.mutationOptions({
      onSuccess: async ({ dataset }) => {
        await qc.invalidateQueries({ queryKey: trpc.data.datasets.pathKey() });
        router.push(`/p/${projectId}/data/datasets/${dataset.id}`);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      projectId,
      name,
      description: description || undefined,
      filter: toFilter(recipe),
      seed: Number(seed),
      validationFraction: Number(validation) / 100,
    });
  };
  const recipeError =
    fieldError(create.error, recipe.mode === 'ids' ? 'eventIds' : 'filter') ??
    fieldError(create.error, 'filter') ??
    fieldError(create.error, 'eventIds');
  const shownErrors = ['name', 'seed', 'validationFraction', 'filter', 'eventIds'].some((f) => fieldError(create.error, f));
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Build a dataset version">
      <div className="flex flex-wrap items-start gap-3">
        <Field
          id="ds-name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, 'name')}
          hint="e.g. math → ds_math_v1, then v2…"
          className="w-56"
        />
        <Field
          id="ds-description"
          label="Description (optional)"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className="w-80"
        />
        <Field
          id="ds-seed"
          label="Split seed"
          type="number"
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
          error={fieldError(create.error, 'seed')}
          className="w-28"
        />
        <Field
          id="ds-validation"
          label="Validation %"
          type="number"
          min={0}
          max={50}
          value={validation}
          onChange={(e) => setValidation(e.target.value)}
          error={fieldError(create.error, 'validationFraction')}
          className="w-28"
        />
      </div>
      <RecipeFields projectId={projectId} value={recipe} onChange={setRecipe} error={recipeError} />
      {create.error && !shownErrors && (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      )}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Starting…' : 'Build dataset version'}
        </Button>
      </div>
    </form>
  );
}
