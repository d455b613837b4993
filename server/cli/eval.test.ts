// The eval commands: `eval import` reports what landed and every rejected row, with --json ending in one JSON object;
// `eval run` exits 0 on PASS, 1 on FAIL, 2 on error, so CI can gate on it. In-process on an in-memory database for
// the cases, and once through the real entry point on the embedded on-disk default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-eval-cli-'));
process.env.AF_DATA_DIR = dataDir;

const { memoryDb } = await import('@/server/testing/db');
const { openDb } = await import('@/db/client');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { projects } = await import('@/db/schema');
const { saveModelEndpoint } = await import('@/server/llm/model-endpoints');
const { startFakeAgent } = await import('@/server/evaluation/testing');
const { TSX, tsxArgs } = await import('@/server/testing/tsx');
const { evalImport } = await import('./eval-import');
const { evalRun } = await import('./eval-run');

type Handle = Awaited<ReturnType<typeof memoryDb>>;
let h: Handle;
let agent: Awaited<ReturnType<typeof startFakeAgent>>;
let endpointId = '';
const file = (name: string) => path.join(dataDir, name);

function capture() {
  const out = { lines: [] as string[], errors: [] as string[] };
  return { out, sink: { log: (l: string) => out.lines.push(l), error: (l: string) => out.errors.push(l) } };
}

const SAMPLES = [
  JSON.stringify({ input: [{ role: 'user', content: 'What is 2+3?' }], ideal: '5' }),
  '{"input": oops}',
  JSON.stringify({ input: 'What is 4+4?', ideal: ['8', 'eight'] }),
  JSON.stringify({ input: 'What is 9+1?' }),
  JSON.stringify({ input: 'What is 7+7?', ideal: '14' }),
].join('\n');

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  agent = await startFakeAgent({ wrong: new Set(['7+7']), mode: 'careful', useTools: false });
  endpointId = (await saveModelEndpoint(h.db, P, { name: 'agent', baseUrl: agent.baseUrl, model: 'a' }, null)).id;
  await writeFile(file('samples.jsonl'), SAMPLES);
  await writeFile(
    file('tests.yaml'),
    'tests:\n  - vars: { question: "What is 1+1?" }\n    assert: [{ type: llm-rubric, value: correct }]\n',
  );
});
afterAll(async () => {
  await agent.close();
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('eval import', () => {
  it('prints the taskset, the count and each rejected line; --json ends with one object', async () => {
    const { out, sink } = capture();
    expect(await evalImport(h.db, { project: P, file: file('samples.jsonl'), json: true }, sink)).toBe(0);
    expect(out.lines[0]).toBe('taskset_samples_v1: 3 cases imported (openai-evals), 2 rejected');
    expect(out.lines.slice(1, 3)).toEqual([expect.stringMatching(/^ {2}line 2: not valid JSON/), '  line 4: missing "ideal"']);
    expect(JSON.parse(out.lines.at(-1)!)).toEqual({
      taskset_id: 'taskset_samples_v1',
      imported: 3,
      rejected: [
        { line: 2, reason: expect.stringMatching(/^not valid JSON/) },
        { line: 4, reason: 'missing "ideal"' },
      ],
      warnings: [],
    });
  });

  it('exits 2 when nothing can be imported, saying why with the test index', async () => {
    const { out, sink } = capture();
    expect(await evalImport(h.db, { project: P, file: file('tests.yaml'), format: 'promptfoo' }, sink)).toBe(2);
    expect(out.errors).toEqual([
      'No case could be imported; test #1: only unsupported assertion types (llm-rubric): nothing to check the answer with here.',
    ]);
    expect(await evalImport(h.db, { project: P, file: file('missing.jsonl') }, sink)).toBe(2);
    expect(await evalImport(h.db, { project: 'proj_nope', file: file('samples.jsonl') }, sink)).toBe(2);
  });
});

describe('eval run', () => {
  const flags = (extra: Record<string, string | boolean>) => ({
    project: P,
    taskset: 'taskset_samples_v1',
    endpoint: endpointId,
    adversarial: '4',
    ...extra,
  });

  it('exits 0 on PASS and prints the summary', async () => {
    const { out, sink } = capture();
    expect(await evalRun(h.db, flags({ policy: '{"minAccuracy": 0.6}' }), sink)).toBe(0);
    expect(out.lines[0]).toMatch(/^eval_\w+: endpoint:mep_\w+ on taskset_samples_v1 \(3 cases \+ 4 adversarial\)$/);
    expect(out.lines).toContain('PASS on an ad-hoc policy');
    expect(out.lines.find((l) => l.startsWith('accuracy'))).toMatch(/^accuracy 66.7% \(95% CI/);
  });

  it('exits 1 on FAIL, listing the reasons', async () => {
    const { out, sink } = capture();
    expect(await evalRun(h.db, flags({ json: true }), sink)).toBe(1);
    expect(out.lines).toContain('FAIL on policy v0');
    expect(out.lines).toContainEqual(expect.stringMatching(/^ {2}- accuracy 66.7% .* < 80%$/));
    expect(JSON.parse(out.lines.at(-1)!)).toMatchObject({ verdict: 'fail', reasons: [expect.stringMatching(/^accuracy/)] });
  });

  it('exits 2 on an error: bad flags, unknown taskset or subject, a bad policy', async () => {
    const { out, sink } = capture();
    expect(await evalRun(h.db, { project: P, taskset: 'taskset_samples_v1' }, sink)).toBe(2);
    expect(await evalRun(h.db, flags({ taskset: 'taskset_nope_v1' }), sink)).toBe(2);
    expect(out.errors.at(-1)).toBe('No taskset taskset_nope_v1 in this project.');
    expect(await evalRun(h.db, { project: P, taskset: 'taskset_samples_v1', model: 'model_nope' }, sink)).toBe(2);
    expect(await evalRun(h.db, flags({ policy: '{"minAccuracy": 3}' }), sink)).toBe(2);
    expect(out.errors.at(-1)).toMatch(/^Bad policy: minAccuracy/);
  });
});

describe('the real entry point, on the embedded database', () => {
  it('gates a run with its exit code', async () => {
    const disk = await openDb({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    // Only what the command needs: the project (the demo seed would spend most of this test hashing passwords), the
    // taskset and the endpoint. One child process: starting one costs seconds, and the rest is tested in-process above.
    await disk.db.insert(projects).values({ id: P, name: 'CLI', slug: 'cli' });
    const endpoint = await saveModelEndpoint(disk.db, P, { name: 'agent', baseUrl: agent.baseUrl, model: 'a' }, null);
    expect(await evalImport(disk.db, { project: P, file: file('samples.jsonl') }, capture().sink)).toBe(0);
    await disk.close();
    const gated = await promisify(execFile)(
      TSX,
      tsxArgs(
        'server/cli/main.ts',
        'eval',
        'run',
        '--project',
        P,
        '--taskset',
        'taskset_samples_v1',
        '--endpoint',
        endpoint.id,
        '--adversarial',
        '0',
        '--json',
      ),
      { env: { ...process.env, AF_DATA_DIR: dataDir } },
    ).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('FAIL on policy v0');
    expect(JSON.parse(gated.stdout.trim().split('\n').at(-1)!)).toMatchObject({ verdict: 'fail' });
  }, 120_000);
});
