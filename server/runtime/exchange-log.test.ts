// Served exchanges reach Data off the request path and survive a graceful shutdown: a real child process queues
// exchanges behind a flush timer that never fires, is sent SIGTERM, and every exchange is in its database after.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { openDb } from '@/db/client';
import { deploymentRequests, events } from '@/db/schema';
// Node itself with tsx's loader, not the tsx CLI: the CLI relays signals through a parent process of its own.
import { tsxArgs } from '@/server/testing/tsx';

describe('the exchange log', { timeout: 180_000 }, () => {
  it('writes every queued exchange on SIGTERM before the process exits', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'af-sigterm-'));
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', ...tsxArgs('server/runtime/testing-bin/serve-then-sigterm.ts', dir, '25')],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('QUEUED')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${out}`)));
      });
      expect(out).toContain('QUEUED 25');
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      const h = await openDb({ kind: 'pglite', dataDir: dir });
      const [e] = await h.db.select({ n: count() }).from(events).where(eq(events.source, 'runtime'));
      const [r] = await h.db.select({ n: count() }).from(deploymentRequests);
      await h.close();
      expect([e!.n, r!.n]).toEqual([25, 25]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
