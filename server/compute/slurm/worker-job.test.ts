// The script a training allocation's Slurm job runs: the worker from the app's checkout, bound to its allocation,
// with the token only in the environment (the script is readable by anyone who may see the job).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLUSTER_QUEUE, runsWorkers, workerEnvironment, workerScript } from './worker-job';

describe('the worker job', () => {
  it('starts the worker from the checkout for its allocation, and carries no token in the script', () => {
    const script = workerScript({ appDir: "/srv/it's here" });
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(script).toContain('remote-worker.ts --allocation "$AF_ALLOCATION_ID"');
    expect(script).not.toMatch(/af_wrk_|AF_WORKER_TOKEN/);
    // The directory is one shell word, quote and all: bash parses it back to exactly what was saved.
    const cd = script.split('\n').find((l) => l.startsWith('cd '))!;
    const word = cd.slice(3, cd.indexOf(' ||'));
    expect(execFileSync('bash', ['-c', `printf %s ${word}`]).toString()).toBe("/srv/it's here");
    expect(() => execFileSync('bash', ['-n', '-c', script])).not.toThrow();
  });

  it('passes the URL, the allocation token and the cluster queue in the environment', () => {
    expect(workerEnvironment({ appUrl: ' http://factory:3000 ' }, 'af_wrk_x')).toEqual({
      AF_URL: 'http://factory:3000',
      AF_WORKER_TOKEN: 'af_wrk_x',
      WORKER_QUEUES: CLUSTER_QUEUE,
    });
    expect(runsWorkers({ appUrl: 'http://factory:3000', appDir: '/srv/app' })).toBe(true);
    expect(runsWorkers({ appUrl: 'http://factory:3000', appDir: ' ' })).toBe(false);
  });
});
