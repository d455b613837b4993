// A small slurmrestd client (OpenAPI v0.0.38, Slurm 22.05+): version, partitions, nodes, jobs, submit, cancel.
//
// slurmrestd answers most refusals as HTTP 500 with an `errors[]` list (a bad token, an unknown job, an impossible
// request): those are read and thrown as the cluster's own words and never retried, because asking again gets the
// same answer. Only an outage (connection refused, timeout, 502–504) is retried, with back-off; after the last try it
// is `unavailable`. Credentials go in headers only, never in a URL or a log line.
import { createHmac } from 'node:crypto';
import { DomainError } from '@/server/domain-error';

export const API = 'v0.0.38';

export type SlurmAuth = { kind: 'token'; token: string } | { kind: 'jwt_key'; key: Buffer };
export type SlurmClientOptions = {
  url: string;
  user: string;
  auth: SlurmAuth;
  /** Per attempt. */
  timeoutMs?: number;
  /** Waits between outage retries; their count is the number of retries. */
  backoffMs?: number[];
};

export type SlurmErrorEntry = { error_number?: number; error_code?: number; error?: string; description?: string };

/** What a refusal carries besides its sentence: Slurm's `errors[]` and the HTTP status (read by slurmErrorNumber). */
type RefusalCause = { slurmRefusal: true; httpStatus: number; errors: SlurmErrorEntry[] };

function refusal(httpStatus: number, errors: SlurmErrorEntry[], what: string): DomainError {
  const cause: RefusalCause = { slurmRefusal: true, httpStatus, errors };
  const code = httpStatus === 401 || httpStatus === 403 ? 'forbidden' : 'bad_request';
  return new DomainError(code, `Slurm refused ${what}: ${describeErrors(httpStatus, errors)}`, { cause });
}

/** Slurm's error number of a refusal (2014: requested node configuration is not available; 2017: invalid job id …). */
export function slurmErrorNumber(err: unknown): number | undefined {
  const cause = err instanceof DomainError ? (err.cause as RefusalCause | undefined) : undefined;
  if (!cause?.slurmRefusal) return undefined;
  const e = cause.errors[0];
  return e?.error_number ?? e?.error_code;
}

/** True for an answer in Slurm's words (never worth retrying), false for an outage. */
export const isSlurmRefusal = (err: unknown) =>
  err instanceof DomainError && (err.cause as RefusalCause | undefined)?.slurmRefusal === true;

export function describeErrors(status: number, errors: SlurmErrorEntry[]): string {
  if (!errors.length)
    return status === 401 ? 'HTTP 401 (no or an unreadable token: check the user name and the token or key)' : `HTTP ${status}`;
  return errors
    .map((e) => {
      const n = e.error_number ?? e.error_code;
      const text = e.description && e.description !== e.error ? `${e.error ?? 'error'}: ${e.description}` : (e.error ?? 'error');
      return n ? `${text} (error ${n})` : text;
    })
    .join('; ');
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** An HS256 JWT `{iat, exp, sun}` as Slurm's auth/jwt plugin accepts, signed with the cluster's jwt_hs256.key. */
export function mintSlurmJwt(key: Buffer, user: string, lifetimeSeconds = 600, now = Math.floor(Date.now() / 1000)): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ iat: now, exp: now + lifetimeSeconds, sun: user }));
  const sig = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type SlurmVersion = { release: string; plugin: string };
export type SlurmNode = {
  name: string;
  state: string;
  state_flags?: string[];
  cpus: number;
  alloc_cpus?: number;
  idle_cpus?: number;
  real_memory: number;
  alloc_memory?: number;
  gres: string;
  gres_used: string;
  gres_drained?: string;
  partitions?: string[];
  reason?: string;
};
export type SlurmPartition = {
  name: string;
  nodes: string;
  state: string;
  total_cpus: number;
  total_nodes: number;
  max_time_limit?: number;
  flags?: string[];
};
export type SlurmJob = {
  job_id: number;
  name: string;
  job_state: string;
  state_reason: string;
  partition: string;
  nodes: string;
  gres_detail?: string[];
  priority?: number;
  submit_time?: number;
  start_time?: number;
  end_time?: number;
  tres_per_node?: string;
  tres_alloc_str?: string;
  user_name?: string;
  cpus?: number | null;
  memory_per_node?: number | null;
  exit_code?: number;
};

export type SubmitJob = {
  name: string;
  partition: string;
  cpus: number;
  memoryMb: number;
  gpus: number;
  timeLimitMinutes: number;
  script: string;
  workDir: string;
  environment: Record<string, string>;
  standardOutput?: string;
};

export class SlurmClient {
  private token: { value: string; until: number } | null = null;
  constructor(private readonly o: SlurmClientOptions) {}

  get url() {
    return this.o.url.replace(/\/+$/, '');
  }

  private authToken(): string {
    if (this.o.auth.kind === 'token') return this.o.auth.token;
    const now = Math.floor(Date.now() / 1000);
    if (!this.token || this.token.until - 60 < now)
      this.token = { value: mintSlurmJwt(this.o.auth.key, this.o.user, 600, now), until: now + 600 };
    return this.token.value;
  }

  /** One call; refusals thrown at once, outages retried with back-off. */
  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, what: string, body?: unknown): Promise<T> {
    const backoff = this.o.backoffMs ?? [200, 600, 1500];
    let lastOutage = '';
    for (let attempt = 0; attempt <= backoff.length; attempt++) {
      if (attempt > 0) await sleep(backoff[attempt - 1]!);
      let res: Response;
      try {
        res = await fetch(`${this.url}/slurm/${API}${path}`, {
          method,
          headers: {
            'X-SLURM-USER-NAME': this.o.user,
            'X-SLURM-USER-TOKEN': this.authToken(),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        lastOutage =
          e.name === 'TimeoutError'
            ? `no answer within ${this.o.timeoutMs ?? 10_000} ms`
            : (e.cause?.code ?? e.cause?.message ?? e.message);
        continue;
      }
      if (res.status === 502 || res.status === 503 || res.status === 504) {
        lastOutage = `HTTP ${res.status}`;
        continue;
      }
      const text = await res.text();
      let json: { errors?: SlurmErrorEntry[] } & Record<string, unknown> = {};
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        if (res.ok) throw new DomainError('bad_request', `slurmrestd at ${this.url} answered ${what} with something that is not JSON.`);
      }
      const errors = Array.isArray(json.errors) ? json.errors : [];
      if (!res.ok || errors.length) throw refusal(res.status, errors, what);
      return json as T;
    }
    throw new DomainError('unavailable', `slurmrestd at ${this.url} is unreachable (${lastOutage}) after ${backoff.length + 1} tries.`, {
      retryAfterSeconds: 10,
    });
  }

  async version(): Promise<SlurmVersion> {
    const r = await this.call<{ meta?: { Slurm?: { release?: string }; plugin?: { name?: string } } }>('GET', '/ping', 'the ping');
    return { release: r.meta?.Slurm?.release ?? 'unknown', plugin: r.meta?.plugin?.name ?? API };
  }
  async partitions(): Promise<SlurmPartition[]> {
    return (await this.call<{ partitions?: SlurmPartition[] }>('GET', '/partitions', 'the partition list')).partitions ?? [];
  }
  async nodes(): Promise<SlurmNode[]> {
    return (await this.call<{ nodes?: SlurmNode[] }>('GET', '/nodes', 'the node list')).nodes ?? [];
  }
  async jobs(): Promise<SlurmJob[]> {
    return (await this.call<{ jobs?: SlurmJob[] }>('GET', '/jobs', 'the job list')).jobs ?? [];
  }
  /** The job, or null when Slurm no longer knows it (purged after MinJobAge). */
  async job(id: string): Promise<SlurmJob | null> {
    try {
      return (await this.call<{ jobs?: SlurmJob[] }>('GET', `/job/${encodeURIComponent(id)}`, `job ${id}`)).jobs?.[0] ?? null;
    } catch (err) {
      if (slurmErrorNumber(err) === 2017) return null;
      throw err;
    }
  }
  async submit(j: SubmitJob): Promise<string> {
    const job: Record<string, unknown> = {
      name: j.name,
      partition: j.partition,
      current_working_directory: j.workDir,
      environment: j.environment,
      cpus_per_task: j.cpus,
      time_limit: j.timeLimitMinutes,
    };
    // Slurm reads a memory of 0 as "all of the node's memory": leave it out, so the cluster's default per core applies.
    if (j.memoryMb > 0) job.memory_per_node = j.memoryMb;
    if (j.gpus > 0) job.gres = `gpu:${j.gpus}`;
    if (j.standardOutput) job.standard_output = j.standardOutput;
    const r = await this.call<{ job_id?: number }>('POST', '/job/submit', `the job ${j.name}`, { script: j.script, job });
    if (r.job_id === undefined) throw new DomainError('bad_request', `slurmrestd accepted ${j.name} without a job id.`);
    return String(r.job_id);
  }
  /** Plain DELETE (a signal on a pending job is an error); idempotent on an ended job; an unknown job is already gone. */
  async cancel(id: string): Promise<void> {
    try {
      await this.call('DELETE', `/job/${encodeURIComponent(id)}`, `cancelling job ${id}`);
    } catch (err) {
      if (slurmErrorNumber(err) === 2017) return;
      throw err;
    }
  }
}
