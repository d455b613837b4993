// The remote worker's HTTP client for the worker route: one method per endpoint, fetch only, no database.
// A 409 becomes LeaseLostError so the job runner can stop at once; other refusals become WorkerHttpError.
import 'server-only';
import { openAsBlob } from 'node:fs';
import type {
  ArtifactReply,
  CancelledReply,
  ClaimedJob,
  ClaimReply,
  CompleteReply,
  ErrorReply,
  FailReply,
  FailRequest,
  LeaseBody,
  LeaseReply,
  ProgressBody,
  RegisterReply,
  RegisterRequest,
} from './protocol';

export class WorkerHttpError extends Error {
  override name = 'WorkerHttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly reply?: ErrorReply,
  ) {
    super(message);
  }
}

export class LeaseLostError extends WorkerHttpError {
  override name = 'LeaseLostError';
}

export type WorkerClientOptions = {
  /** Base URL of the Agent Factory server, e.g. https://factory.example.com */
  url: string;
  token: string;
  fetch?: typeof fetch;
  /** Network errors and 502/503/504 are retried this many times with back-off (the server may be restarting). */
  retries?: number;
};

export type UploadBody = Blob | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;

export class WorkerClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly retries: number;

  constructor(private readonly o: WorkerClientOptions) {
    this.base = o.url.replace(/\/+$/, '');
    this.fetch = o.fetch ?? globalThis.fetch;
    this.retries = o.retries ?? 3;
  }

  register(body: RegisterRequest): Promise<RegisterReply> {
    return this.post('/api/worker/register', body);
  }

  /** The next job for this worker, or null when nothing is claimable now. */
  async claim(workerId: string, allocationId?: string): Promise<ClaimedJob | null> {
    const reply = await this.post<ClaimReply | null>('/api/worker/claim', { workerId, ...(allocationId ? { allocationId } : {}) });
    return reply?.job ?? null;
  }

  heartbeat(jobId: string, lease: LeaseBody): Promise<LeaseReply> {
    return this.post(this.jobPath(jobId, 'heartbeat'), lease);
  }

  progress(jobId: string, body: ProgressBody): Promise<LeaseReply> {
    return this.post(this.jobPath(jobId, 'progress'), body);
  }

  complete(jobId: string, lease: LeaseBody, result: unknown): Promise<CompleteReply> {
    return this.post(this.jobPath(jobId, 'complete'), { ...lease, result });
  }

  fail(jobId: string, body: FailRequest): Promise<FailReply> {
    return this.post(this.jobPath(jobId, 'fail'), body);
  }

  cancelled(jobId: string, lease: LeaseBody): Promise<CancelledReply> {
    return this.post(this.jobPath(jobId, 'cancelled'), lease);
  }

  /** Uploads an artefact of a held job. A stream body is sent as it is read, so nothing large is buffered. */
  uploadArtifact(
    jobId: string,
    lease: LeaseBody,
    o: { kind: string; body: UploadBody; contentType?: string; step?: number },
  ): Promise<ArtifactReply> {
    const query = new URLSearchParams({ workerId: lease.workerId, attempt: String(lease.attempt), kind: o.kind });
    if (o.step !== undefined) query.set('step', String(o.step));
    const stream = o.body instanceof ReadableStream;
    return this.send(`${this.jobPath(jobId, 'artifact')}?${query}`, {
      method: 'PUT',
      headers: { 'content-type': o.contentType ?? 'application/octet-stream' },
      body: o.body,
      // A stream can be read once only, so it is never retried; fetch also needs half-duplex to send one.
      ...(stream ? { duplex: 'half' } : {}),
      retry: !stream,
    });
  }

  /** Downloads an artefact this job stored (e.g. the checkpoint to resume from), into memory. */
  async downloadArtifact(jobId: string, lease: LeaseBody, artifactId: string): Promise<Uint8Array> {
    const query = new URLSearchParams({ workerId: lease.workerId, attempt: String(lease.attempt) });
    const res = await this.send<Response>(
      `/api/worker/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(artifactId)}?${query}`,
      {
        method: 'GET',
        retry: true,
        raw: true,
      },
    );
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Uploads a file from disk without reading it into memory. */
  async uploadArtifactFile(
    jobId: string,
    lease: LeaseBody,
    o: { kind: string; path: string; contentType?: string },
  ): Promise<ArtifactReply> {
    return this.uploadArtifact(jobId, lease, { kind: o.kind, contentType: o.contentType, body: await openAsBlob(o.path) });
  }

  private jobPath(jobId: string, action: string) {
    return `/api/worker/jobs/${encodeURIComponent(jobId)}/${action}`;
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), retry: true });
  }

  /** `raw`: a successful reply is handed back as the Response itself (a download), not parsed as JSON. */
  private async send<T>(path: string, init: RequestInit & { duplex?: 'half'; retry: boolean; raw?: boolean }): Promise<T> {
    const { retry, raw, ...rest } = init;
    const request = { ...rest, headers: { ...(rest.headers as Record<string, string>), authorization: `Bearer ${this.o.token}` } };
    for (let attempt = 0; ; attempt++) {
      const canRetry = retry && attempt < this.retries;
      let res: Response;
      try {
        res = await this.fetch(`${this.base}${path}`, request);
      } catch (err) {
        if (!canRetry) throw new WorkerHttpError(0, `Cannot reach ${this.base}${path}: ${(err as Error).message}`);
        await backOff(attempt);
        continue;
      }
      if (canRetry && [502, 503, 504].includes(res.status)) {
        await res.body?.cancel();
        await backOff(attempt);
        continue;
      }
      if (raw && res.ok) return res as T;
      if (res.status === 204) return null as T;
      if (res.ok) return (await res.json()) as T;
      const reply = (await res.json().catch(() => undefined)) as ErrorReply | undefined;
      const message = `${init.method} ${path}: ${res.status} ${reply?.error ?? res.statusText}`;
      throw res.status === 409 ? new LeaseLostError(res.status, message, reply) : new WorkerHttpError(res.status, message, reply);
    }
  }
}

const backOff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 4 ** attempt)));
