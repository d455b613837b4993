// docs/worker-protocol.md documents every job type's input and result exactly as the zod schemas say.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobDefinitions } from '@/server/main/jobs';
import { renderJobTypes, withJobTypes } from './job-types-doc';
import { workerTimingRow } from '@/common/worker-timing';

describe('the worker protocol document', () => {
  it('holds the job types section generated from the zod schemas (npm run docs:worker-protocol when this fails)', () => {
    const doc = readFileSync(path.join(process.cwd(), 'docs/worker-protocol.md'), 'utf8');
    expect(doc, 'docs/worker-protocol.md is stale: run npm run docs:worker-protocol').toBe(withJobTypes(doc, jobDefinitions));
  });

  it('gives every job type a result schema, and every remote-runnable one its input', () => {
    for (const d of jobDefinitions) expect(d.result, `${d.type} declares no result schema`).toBeDefined();
    const section = renderJobTypes(jobDefinitions);
    expect(section).toContain('### `training.remote`');
    expect(section).toMatch(/"providerJobId"/);
  });

  it('gives the worker timings the same names and defaults as the README, for every worker process', () => {
    const doc = readFileSync(path.join(process.cwd(), 'docs/worker-protocol.md'), 'utf8');
    const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
    for (const name of ['WORKER_POLL_MS', 'WORKER_HEARTBEAT_MS'] as const) {
      expect(doc).toContain(workerTimingRow(name));
      expect(readme).toContain(workerTimingRow(name));
    }
  });
});
