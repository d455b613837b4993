// `npm run factory -- data upload` through the real entry point in a child process, on its own embedded database:
// a file over the CLI's own MAX_UPLOAD_BYTES is refused naming that limit and how to raise it for this command
// (not "on the server", which is not involved), and a file under it lands.
import { TSX, tsxArgs } from '@/server/testing/tsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '@/db/client';
import { projects } from '@/db/schema';

const run = promisify(execFile);
let dir: string;
const P = 'proj_cli_upload';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'af-upload-cli-'));
  const h = await openDb({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
  await h.db.insert(projects).values({ id: P, name: 'cli upload', slug: 'cli-upload' });
  await h.close();
  const line = (i: number) => JSON.stringify({ agent_id: 'a', prompt: `What is ${i}+${i}?`, response: String(2 * i) });
  await writeFile(path.join(dir, 'events.jsonl'), [1, 2, 3].map(line).join('\n') + '\n');
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const upload = (maxBytes: number) =>
  run(TSX, [...tsxArgs('server/cli/main.ts'), 'data', 'upload', '--project', P, '--file', path.join(dir, 'events.jsonl')], {
    env: { ...process.env, DATABASE_URL: '', AF_DATA_DIR: dir, MAX_UPLOAD_BYTES: String(maxBytes) },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('npm run factory -- data upload', () => {
  it('refuses a file over its own MAX_UPLOAD_BYTES, saying the limit is this command’s and how to raise it', async () => {
    const r = await upload(40);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/larger than the 40 bytes upload limit \(MAX_UPLOAD_BYTES\)/);
    expect(r.stderr).toMatch(/reads MAX_UPLOAD_BYTES from its environment \(the server's setting does not apply\)/);
    expect(r.stderr).toMatch(/MAX_UPLOAD_BYTES=80 npm run factory -- data upload/);
    expect(r.stderr).not.toMatch(/on the server/);
  }, 60_000);

  it('stores a file under the limit', async () => {
    const r = await upload(1024 * 1024);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/events\.jsonl: 3 lines, 3 stored, 0 duplicates, 0 rejected/);
  }, 60_000);
});
