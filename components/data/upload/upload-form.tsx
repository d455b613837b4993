'use client';
// Uploads a JSONL/CSV/OpenAI-chat file: the file is the request body, parsed on the server as it streams in.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { UploadResult, type UploadSummary } from './upload-result';

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function UploadForm({ projectId, maxBytes }: { projectId: string; maxBytes: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [agent, setAgent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<UploadSummary | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    if (!file) return setError('Choose a file to upload.');
    if (file.size > maxBytes)
      return setError(
        `${file.name} is ${mb(file.size)}, over the ${mb(maxBytes)} upload limit (MAX_UPLOAD_BYTES). Split it into smaller files.`,
      );
    setError(null);
    setBusy(true);
    try {
      const q = new URLSearchParams({ name: file.name, ...(format ? { format } : {}), ...(agent.trim() ? { agent: agent.trim() } : {}) });
      const res = await fetch(`/api/data/${projectId}/upload?${q}`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'application/octet-stream' },
      });
      const body = (await res.json().catch(() => ({ error: `Upload failed (HTTP ${res.status}).` }))) as UploadSummary | { error?: string };
      if ('stored' in body) setResult(body);
      else setError(body.error ?? `Upload failed (HTTP ${res.status}).`);
      await Promise.all([
        qc.invalidateQueries({ queryKey: trpc.data.uploads.pathKey() }),
        qc.invalidateQueries({ queryKey: trpc.data.events.pathKey() }),
      ]);
    } catch (err) {
      setError(`Upload failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Upload a file">
        <div className="flex flex-col gap-1">
          <label htmlFor="upload-file" className="text-sm font-medium text-slate-700">
            File (.jsonl or .csv, up to {mb(maxBytes)})
          </label>
          <input
            id="upload-file"
            type="file"
            accept=".jsonl,.ndjson,.json,.csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="text-sm"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="upload-format" className="text-sm font-medium text-slate-700">
            Format
          </label>
          <select
            id="upload-format"
            value={format}
            onChange={(e) => setFormat(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm"
          >
            <option value="">From the file name</option>
            <option value="jsonl">JSONL (plain or OpenAI chat)</option>
            <option value="csv">CSV with a header</option>
          </select>
        </div>
        <Field
          id="upload-agent"
          label="Default agent id"
          value={agent}
          onChange={(e) => setAgent(e.target.value)}
          hint="for lines without agent_id"
          className="w-48"
        />
        <Button type="submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </Button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {result && <UploadResult result={result} />}
    </div>
  );
}
