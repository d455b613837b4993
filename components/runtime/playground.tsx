'use client';
// Chat with a serving deployment and see each step of the agent's trajectory (tool calls and their results).
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ErrorLine } from '@/components/ui/list-state';
import { SelectField } from '@/components/ui/select-field';
import { ms } from './format';

export function Playground({ projectId, initialName }: { projectId: string; initialName?: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.runtime.deployments.list.queryOptions({ projectId, page: 1, pageSize: 100 }));
  const [name, setName] = useState(initialName ?? '');
  const [prompt, setPrompt] = useState('What is 42+28?');
  const chat = useMutation(trpc.runtime.chat.mutationOptions());
  if (list.error) return <ErrorLine message={list.error.message} />;
  const names = [...new Set((list.data?.rows ?? []).filter((d) => d.status === 'live' || d.status === 'starting').map((d) => d.name))];
  const chosen = name || names[0] || '';
  return (
    <div className="grid gap-4">
      <form
        className="grid gap-3 md:grid-cols-[14rem_1fr_auto] md:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          chat.mutate({ projectId, name: chosen, prompt });
        }}
      >
        <SelectField
          id="pg-deployment"
          label="Deployment"
          value={chosen}
          onChange={(e) => setName(e.target.value)}
          options={names.map((n) => ({ value: n, label: n }))}
          empty="Nothing is serving"
        />
        <Field
          id="pg-prompt"
          label="Message"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          error={fieldError(chat.error, 'prompt')}
        />
        <Button type="submit" disabled={!chosen || chat.isPending}>
          {chat.isPending ? 'Thinking…' : 'Send'}
        </Button>
      </form>
      {chat.error && !fieldError(chat.error, 'prompt') && <ErrorLine message={chat.error.message} />}
      {chat.data && (
        <div className="grid gap-2 rounded-md border border-slate-200 p-3 text-sm" data-testid="playground-reply">
          <ol className="grid gap-1">
            {chat.data.steps.map((s, i) => (
              <li key={i} className="font-mono text-xs text-slate-700">
                step {i + 1}: {s.call.tool}({s.call.args}) → {s.error !== undefined ? `error: ${s.error}` : s.result}
              </li>
            ))}
          </ol>
          <p>
            <span className="font-medium">Answer:</span> <span data-testid="playground-answer">{chat.data.answer || '(no answer)'}</span>
          </p>
          <p className="text-xs text-slate-500">
            v{chat.data.version} · {ms(chat.data.latencyMs)} · {chat.data.finishReason} · transcript <code>{chat.data.transcript}</code>
          </p>
        </div>
      )}
    </div>
  );
}
