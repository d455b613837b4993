// Sign-in resists guessing: failures are throttled per account and per address with the wait in the message, and an
// unknown email costs the same bcrypt work as a wrong password (so timing does not tell which emails exist).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db';
import { memoryDb } from '@/server/testing/db';
import { checkCredentials } from './users';
import { LIMITS } from './sign-in-throttle';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

const EMAIL = 'engineer@demo.agentfactory.dev';

describe('sign-in', () => {
  it('locks an account after repeated failures, saying how long to wait, even for the right password', async () => {
    for (let i = 0; i < LIMITS.account.failures; i++) expect(await checkCredentials(h.db, EMAIL, 'wrong', `10.0.0.${i}`)).toBeNull();
    const locked = await checkCredentials(h.db, EMAIL, 'demo-engineer-pass', '10.0.1.1').catch((e: unknown) => e);
    expect(locked).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Try again in \d+ s\./) });
    expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // Another account is not affected.
    expect(await checkCredentials(h.db, 'viewer@demo.agentfactory.dev', 'demo-viewer-pass', '10.0.1.1')).toMatchObject({
      email: 'viewer@demo.agentfactory.dev',
    });
  });

  it('locks a client address that guesses across many accounts', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < LIMITS.address.failures; i++) await checkCredentials(h.db, `nobody${i}@example.com`, 'guess', ip);
    await expect(checkCredentials(h.db, 'admin@demo.agentfactory.dev', 'demo-admin-pass', ip)).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(await checkCredentials(h.db, 'admin@demo.agentfactory.dev', 'demo-admin-pass', '192.0.2.78')).not.toBeNull();
  });

  it('spends the same work on an unknown email as on a wrong password', async () => {
    const time = async (email: string) => {
      const t = performance.now();
      await checkCredentials(h.db, email, 'not-the-password', null);
      return performance.now() - t;
    };
    await time('annotator@demo.agentfactory.dev'); // warm up
    const known = Math.min(await time('annotator@demo.agentfactory.dev'), await time('annotator@demo.agentfactory.dev'));
    const unknown = Math.min(await time('ghost-1@example.com'), await time('ghost-2@example.com'));
    // A bcrypt comparison (~50 ms at cost 10) happens on both paths; without it the unknown path takes ~1 ms.
    expect(unknown).toBeGreaterThan(known * 0.5);
  });
});
