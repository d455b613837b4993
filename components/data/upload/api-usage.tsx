'use client';
// How to send interactions without the UI: the public events API and the CLI, with the shapes they accept.
import Link from 'next/link';
import { ProjectAdmins } from '@/components/settings/project-admins';

export function ApiUsage({ origin, projectId, isAdmin }: { origin: string; projectId: string; isAdmin: boolean }) {
  const curl = `curl -X POST ${origin}/api/v1/events \\
  -H "Authorization: Bearer af_live_…" -H "Content-Type: application/json" \\
  -d '[{"id": "run-1", "agent_id": "math-agent", "prompt": "What is 42+28?",
        "response": "<call:calculator>42+28</call><result>70</result><answer>70</answer>",
        "metadata": {"session": "s1"}, "created_at": "2025-03-01T12:00:00Z"}]'`;
  return (
    <div className="flex flex-col gap-3 text-sm text-slate-700">
      <p>
        Up to 1,000 interactions per request. An <code>id</code> makes retries safe: sending the same batch twice stores each event once,
        and the reply lists what was stored, what was already there, and each rejected item with its index and reason.{' '}
        {isAdmin ? (
          <>
            Create API keys in{' '}
            <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/settings`}>
              Settings
            </Link>
            .
          </>
        ) : (
          <ProjectAdmins projectId={projectId} what="an API key" />
        )}
      </p>
      <pre className="overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{curl}</pre>
      <p>
        Files: JSONL (one object per line, same fields, or OpenAI chat lines <code>{'{"messages": [...]}'}</code>) or CSV with a header{' '}
        <code>agent_id,prompt,response</code> (optional <code>id</code>, <code>created_at</code>, <code>metadata</code>; other columns go
        into metadata). From a shell:
      </p>
      <pre className="overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
        npm run factory -- data upload --project proj_demo --file chats.jsonl [--agent support-bot]
      </pre>
    </div>
  );
}
