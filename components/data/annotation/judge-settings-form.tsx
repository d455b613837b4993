'use client';
// The project's LLM judge endpoint (any OpenAI-compatible chat-completions server). The API key is write-only:
// once saved it is never sent back, only its last four characters. Admins set where the judge's requests go (URL and
// key; a new URL drops the old key unless a new one is given); engineers pick the model.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ErrorLine } from '@/components/ui/list-state';

type Saved = { baseUrl: string; model: string; hasApiKey: boolean; apiKeyHint: string | null } | null;

function Form({ projectId, saved, canEditEndpoint }: { projectId: string; saved: Saved; canEditEndpoint: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [baseUrl, setBaseUrl] = useState(saved?.baseUrl ?? '');
  const [model, setModel] = useState(saved?.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.data.annotation.pathKey() });
  const onSuccess = () => {
    setApiKey('');
    void refresh();
  };
  const saveEndpoint = useMutation(trpc.data.annotation.saveJudgeSettings.mutationOptions({ onSuccess }));
  const saveModel = useMutation(trpc.data.annotation.setJudgeModel.mutationOptions({ onSuccess }));
  const save = canEditEndpoint ? saveEndpoint : saveModel;
  const remove = useMutation(trpc.data.annotation.removeJudgeSettings.mutationOptions({ onSuccess: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An empty key field keeps the saved key (for an unchanged URL): it is never shown, so it cannot be pre-filled.
    if (canEditEndpoint) saveEndpoint.mutate({ projectId, baseUrl, model, ...(apiKey ? { apiKey } : {}) });
    else saveModel.mutate({ projectId, model });
  };
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="LLM judge endpoint">
      <p className="text-sm text-slate-600" data-testid="judge-endpoint-status">
        {saved ? (
          <>
            Judging with <span className="font-mono">{saved.model}</span> at <span className="font-mono">{saved.baseUrl}</span>
            {saved.hasApiKey ? <> · API key saved (…{saved.apiKeyHint})</> : ' · no API key'}.
          </>
        ) : (
          'No judge endpoint configured for this project. Without one, the judge does not run: it never invents scores.'
        )}
      </p>
      {!canEditEndpoint && (
        <p className="text-xs text-slate-500">
          {saved ? 'You can change the model.' : 'An admin sets the judge endpoint first.'} Where the judge sends its requests (URL and API
          key) is an admin&apos;s setting, in Settings or here.
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          id="judge-base-url"
          label="Base URL"
          value={baseUrl}
          readOnly={!canEditEndpoint}
          onChange={(e) => setBaseUrl(e.target.value)}
          error={fieldError(save.error, 'baseUrl')}
          placeholder="https://api.openai.com/v1"
        />
        <Field
          id="judge-model"
          label="Model"
          value={model}
          onChange={(e) => setModel(e.target.value)}
          error={fieldError(save.error, 'model')}
          placeholder="gpt-4o-mini"
        />
        <Field
          id="judge-api-key"
          label="API key"
          type="password"
          autoComplete="off"
          value={apiKey}
          disabled={!canEditEndpoint}
          onChange={(e) => setApiKey(e.target.value)}
          error={fieldError(save.error, 'apiKey')}
          hint={
            saved?.hasApiKey
              ? 'Leave empty to keep the saved key (a new URL drops it)'
              : 'Stored encrypted, bound to this URL; never shown again'
          }
        />
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        {saved && canEditEndpoint && (
          <Button
            type="button"
            variant="danger"
            disabled={remove.isPending}
            onClick={() => confirm('Remove the judge endpoint and its saved API key?') && remove.mutate({ projectId })}
          >
            Remove endpoint
          </Button>
        )}
        <Button type="submit" disabled={save.isPending || (!canEditEndpoint && !saved)}>
          {canEditEndpoint ? 'Save judge endpoint' : 'Save model'}
        </Button>
      </div>
      {save.isSuccess && <p className="text-sm text-emerald-700">Saved.</p>}
      {save.error && !save.error.data?.fieldErrors && (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

export function JudgeSettingsForm({ projectId, canEditEndpoint }: { projectId: string; canEditEndpoint: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.data.annotation.judgeSettings.queryOptions({ projectId }));
  if (settings.isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (settings.error) return <ErrorLine message={settings.error.message} />;
  // Keyed on the saved values so the fields reset to what is stored after a save or removal.
  const saved = settings.data ?? null;
  return (
    <Form key={saved ? `${saved.baseUrl}|${saved.model}` : 'none'} projectId={projectId} saved={saved} canEditEndpoint={canEditEndpoint} />
  );
}
