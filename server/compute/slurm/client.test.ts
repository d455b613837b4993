// The slurmrestd client against a real HTTP server that answers as slurmrestd does: a refusal (HTTP 500 with
// `errors[]`) is shown in Slurm's words and asked once; an outage (503, connection refused) is retried with back-off
// and then reported unreachable. Also the JWT the client mints, and the parsing of Slurm's GRES strings.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@/server/domain-error';
import { mintSlurmJwt, SlurmClient, slurmErrorNumber } from './client';
import { gpuCount, gpuIndices, phaseOf } from './parse';
import { endSentence, explainPending } from './reasons';

let server: Server;
let url = '';
let hits = 0;
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let lastHeaders: Record<string, string | string[] | undefined> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    lastHeaders = req.headers;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const client = (backoffMs = [10, 20, 40]) => new SlurmClient({ url, user: 'alice', auth: { kind: 'token', token: 'tok' }, backoffMs });

describe('slurmrestd client', () => {
  it('reads errors[] of an HTTP 500 as a refusal, in Slurm words, and asks only once', async () => {
    hits = 0;
    answer = {
      status: 500,
      body: { errors: [{ error_number: 2017, error: 'Invalid job id specified', description: 'Unable to find JobId=9' }] },
    };
    const err = await client()
      .call('GET', '/job/9', 'job 9')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toBe('Slurm refused job 9: Invalid job id specified: Unable to find JobId=9 (error 2017)');
    expect(slurmErrorNumber(err)).toBe(2017);
    expect(hits).toBe(1);
    expect(lastHeaders['x-slurm-user-name']).toBe('alice');
    expect(lastHeaders['x-slurm-user-token']).toBe('tok');
    // An unknown job reads as gone, not as an error.
    expect(await client().job('9')).toBeNull();
  });

  it('treats a 200 that carries errors[] as a refusal too, and a 401 as a forbidden credential', async () => {
    answer = { status: 200, body: { errors: [{ error_code: 2014, error: 'Requested node configuration is not available' }] } };
    await expect(client().call('POST', '/job/submit', 'the job x', {})).rejects.toThrow(
      /Requested node configuration is not available \(error 2014\)/,
    );
    hits = 0;
    answer = { status: 401, body: {} };
    const err = (await client()
      .version()
      .catch((e: unknown) => e)) as DomainError;
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(/HTTP 401/);
    expect(hits).toBe(1);
  });

  it('retries an outage with back-off and then says the cluster is unreachable', async () => {
    hits = 0;
    answer = { status: 503, body: {} };
    const t0 = Date.now();
    const err = (await client([30, 60])
      .nodes()
      .catch((e: unknown) => e)) as DomainError;
    expect(hits).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(85);
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/unreachable \(HTTP 503\) after 3 tries/);
    const closed = new SlurmClient({ url: 'http://127.0.0.1:59999', user: 'a', auth: { kind: 'token', token: 't' }, backoffMs: [10] });
    await expect(closed.version()).rejects.toThrow(/unreachable \(ECONNREFUSED\) after 2 tries/);
  });

  it('mints an HS256 JWT with the user as `sun` and a short expiry', () => {
    const jwt = mintSlurmJwt(Buffer.alloc(32, 7), 'alice', 600, 1_000);
    const [head, body] = jwt
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString() || '{}'));
    expect(head).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(body).toEqual({ iat: 1_000, exp: 1_600, sun: 'alice' });
  });
});

describe('reading Slurm', () => {
  it('counts GPUs and their indices from GRES strings', () => {
    expect(gpuCount('gpu:2')).toBe(2);
    expect(gpuCount('gpu:a100:4(S:0-1)')).toBe(4);
    expect(gpuCount('gpu:1(IDX:0),gpu:tesla:2(IDX:1-2)')).toBe(3);
    expect(gpuCount('(null)')).toBe(0);
    expect(gpuIndices(['gpu:1(IDX:0)'])).toEqual([0]);
    expect(gpuIndices(['gpu:3(IDX:0,2-3)'])).toEqual([0, 2, 3]);
    expect(phaseOf('PENDING')).toBe('queued');
    expect(phaseOf('RUNNING')).toBe('granted');
    expect(phaseOf('TIMEOUT')).toBe('ended');
  });

  it('puts a pending job into a sentence with its holders and position', () => {
    const job = (job_id: number, job_state: string, gpus: number, state_reason = 'None', submit_time = job_id) => ({
      job_id,
      name: `j${job_id}`,
      job_state,
      state_reason,
      partition: 'gpu',
      nodes: '',
      tres_per_node: `gres:gpu:${gpus}`,
      priority: 1,
      submit_time,
    });
    const all = [job(1234, 'RUNNING', 2), job(1240, 'PENDING', 2, 'Resources'), job(1241, 'PENDING', 1, 'Priority')];
    expect(explainPending(all[1]!, all)).toMatchObject({
      reason: 'Resources',
      position: 1,
      sentence: 'Waiting for 2 GPUs: both are held by job 1234. Position 1 of 2 pending in gpu.',
    });
    expect(explainPending(all[2]!, all).sentence).toBe('Waiting behind 1 job of higher priority in partition gpu.');
    expect(explainPending({ ...all[2]!, state_reason: 'QOSMaxGRESPerUser' }, all).sentence).toMatch(
      /QOS limit \(QOSMaxGRESPerUser\).*GPUs/,
    );
    expect(endSentence({ job_id: 7, job_state: 'TIMEOUT', state_reason: 'TimeLimit' }, '7')).toBe('Slurm job 7 reached its time limit.');
  });
});
