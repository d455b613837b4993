// Tests only: a small stand-in for an external OpenAI-compatible fine-tuning API on 127.0.0.1 (files, fine-tuning jobs
// with their events, cancel, and chat completions for the fine-tuned model). Each job walks validating_files → running
// (one metrics event per poll) → the scripted outcome, and everything sent to it is recorded for the test to check.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeOutcome = { kind: 'succeeded' } | { kind: 'failed'; message: string; code?: string } | { kind: 'never' };

type FakeJob = {
  id: string;
  model: string;
  status: string;
  polls: number;
  fine_tuned_model: string | null;
  trained_tokens: number | null;
  error: { message: string; code: string } | null;
  events: {
    id: string;
    object: 'fine_tuning.job.event';
    created_at: number;
    level: string;
    message: string;
    type: string;
    data: Record<string, number> | null;
  }[];
  outcome: FakeOutcome;
};

export type FakeFineTuningServer = {
  /** What FINETUNE_API_URL is set to (ends in /v1). */
  baseUrl: string;
  /** The outcome of the next job created. */
  next: FakeOutcome;
  /** Metrics steps each job reports before finishing. */
  stepsPerJob: number;
  files: Map<string, { purpose: string; filename: string; content: string }>;
  jobs: Map<string, FakeJob>;
  creates: Record<string, unknown>[];
  cancels: string[];
  chats: { model: string; prompt: string }[];
  authorization: Set<string>;
  close: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeFineTuningServer(): Promise<FakeFineTuningServer> {
  let n = 0;
  const now = () => Math.floor(Date.now() / 1000) + n++; // strictly increasing, so events order by created_at
  const fake: Omit<FakeFineTuningServer, 'baseUrl' | 'close'> = {
    next: { kind: 'succeeded' },
    stepsPerJob: 3,
    files: new Map(),
    jobs: new Map(),
    creates: [],
    cancels: [],
    chats: [],
    authorization: new Set(),
  };
  const event = (job: FakeJob, type: string, message: string, data: Record<string, number> | null = null) =>
    job.events.push({
      id: `ftevent-${job.id}-${job.events.length + 1}`,
      object: 'fine_tuning.job.event',
      created_at: now(),
      level: 'info',
      message,
      type,
      data,
    });

  const server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = await readBody(req);
      if (req.headers.authorization) fake.authorization.add(req.headers.authorization);
      const path = url.pathname;
      let m: RegExpExecArray | null;

      if (req.method === 'POST' && path === '/v1/files') {
        const form = await new Request('http://fake/v1/files', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: new Uint8Array(body),
        }).formData();
        const file = form.get('file');
        if (!(file instanceof Blob)) return send(400, { error: { message: 'file is required' } });
        const id = `file-${fake.files.size + 1}`;
        fake.files.set(id, { purpose: String(form.get('purpose')), filename: (file as File).name, content: await file.text() });
        return send(200, { id, object: 'file', purpose: form.get('purpose'), bytes: file.size });
      }
      if (req.method === 'POST' && path === '/v1/fine_tuning/jobs') {
        const b = JSON.parse(body.toString()) as { model: string; training_file: string };
        fake.creates.push(b);
        if (!fake.files.has(b.training_file)) return send(400, { error: { message: `No such file: ${b.training_file}` } });
        const job: FakeJob = {
          id: `ftjob-${fake.jobs.size + 1}`,
          model: b.model,
          status: 'validating_files',
          polls: 0,
          fine_tuned_model: null,
          trained_tokens: null,
          error: null,
          events: [],
          outcome: fake.next,
        };
        event(job, 'message', 'Validating training file');
        fake.jobs.set(job.id, job);
        return send(200, view(job));
      }
      if ((m = /^\/v1\/fine_tuning\/jobs\/([^/]+)(\/events|\/cancel)?$/.exec(path))) {
        const job = fake.jobs.get(decodeURIComponent(m[1]!));
        if (!job) return send(404, { error: { message: 'No such job' } });
        if (m[2] === '/events') return send(200, { object: 'list', data: [...job.events].reverse(), has_more: false });
        if (m[2] === '/cancel' && req.method === 'POST') {
          fake.cancels.push(job.id);
          job.status = 'cancelled';
          event(job, 'message', 'Job cancelled');
          return send(200, view(job));
        }
        advance(job);
        return send(200, view(job));
      }
      if (req.method === 'POST' && path === '/v1/chat/completions') {
        const b = JSON.parse(body.toString()) as { model: string; messages: { content: string }[] };
        fake.chats.push({ model: b.model, prompt: b.messages.at(-1)?.content ?? '' });
        return send(200, {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: b.model,
          choices: [{ index: 0, message: { role: 'assistant', content: '4' }, finish_reason: 'stop' }],
        });
      }
      send(404, { error: { message: `No route ${req.method} ${path}` } });
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });

  /** One poll of a live job moves it on: running, one metrics step per poll, then the scripted outcome. */
  function advance(job: FakeJob) {
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return;
    job.polls++;
    if (job.status === 'validating_files') {
      job.status = 'running';
      event(job, 'message', 'Fine-tuning job started');
      return;
    }
    const step = job.events.filter((e) => e.type === 'metrics').length + 1;
    if (job.outcome.kind === 'never' || step <= fake.stepsPerJob) {
      const total = fake.stepsPerJob;
      event(job, 'metrics', `Step ${step}/${total}: training loss=${(2 / step).toFixed(2)}`, {
        step,
        train_loss: 2 / step,
        valid_loss: 2.5 / step,
        total_steps: total,
      });
      return;
    }
    if (job.outcome.kind === 'failed') {
      job.status = 'failed';
      job.error = { message: job.outcome.message, code: job.outcome.code ?? 'invalid_training_file' };
      event(job, 'message', `Fine-tuning job failed: ${job.outcome.message}`);
      return;
    }
    job.status = 'succeeded';
    job.fine_tuned_model = `ft:${job.model}:agent-factory::${job.id.replace('ftjob-', 'x')}`;
    job.trained_tokens = 12_345;
    event(job, 'message', 'The job has successfully completed');
  }

  const view = (j: FakeJob) => ({
    id: j.id,
    object: 'fine_tuning.job',
    model: j.model,
    status: j.status,
    fine_tuned_model: j.fine_tuned_model,
    trained_tokens: j.trained_tokens,
    error: j.error,
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
