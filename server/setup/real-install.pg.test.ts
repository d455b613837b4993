// A real install (Postgres, SEED_DEMO unset) starts with no users and no published passwords: the first start
// prints a one-time setup link, the link creates the first admin exactly once, and the sign-in page lists no demo users.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { count } from 'drizzle-orm';
import type { Db } from '@/db';
import { createScratchDatabase, postgresReachable } from '@/server/testing/postgres';

const reachable = await postgresReachable();
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Db;
const printed: string[] = [];

describe.skipIf(!reachable)('a real install', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    // Set before anything imports server/env.ts: this process is a Postgres install with default settings.
    process.env.DATABASE_URL = scratch.url;
    delete process.env.SEED_DEMO;
    delete process.env.AF_ADMIN_EMAIL;
    delete process.env.AF_ADMIN_PASSWORD;
    process.env.NEXTAUTH_URL = 'http://af.test:3000';
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const { boot } = await import('@/server/main/web');
    await boot();
    vi.mocked(console.log).mockRestore();
    db = await (await import('@/server/db')).getDb();
  });
  afterAll(async () => {
    const { getDbHandle } = await import('@/server/db');
    await (await getDbHandle()).close();
    await scratch?.drop();
  });

  it('creates no user and prints no demo password', async () => {
    const { users } = await import('@/db/schema');
    const [n] = await db.select({ n: count() }).from(users);
    expect(n!.n).toBe(0);
    expect(printed.join('\n')).not.toMatch(/demo-\w+-pass|demo sign-ins/);
    const { visibleDemoUsers } = await import('./demo-visible');
    expect(await visibleDemoUsers(db)).toEqual([]);
  });

  it('prints a one-time setup link that creates the first admin once', async () => {
    const link = printed.map((l) => /http:\/\/af\.test:3000\/setup\?token=(\S+)/.exec(l)?.[1]).find(Boolean);
    expect(link).toBeTruthy();
    const { createFirstAdmin, setupTokenValid } = await import('./first-admin');
    expect(await setupTokenValid(db, 'af_setup_forged')).toBe(false);
    expect(await setupTokenValid(db, link!)).toBe(true);
    const admin = { email: 'Ops@Example.com', name: 'Ops', password: 'a long enough password', projectName: 'Support agent' };
    await expect(createFirstAdmin(db, { ...admin, password: 'short' }, link!)).rejects.toMatchObject({ field: 'password' });
    const made = await createFirstAdmin(db, admin, link!);
    expect(made.projectId).toMatch(/^proj_/);
    await expect(createFirstAdmin(db, { ...admin, email: 'second@example.com' }, link!)).rejects.toMatchObject({ code: 'conflict' });
    const { checkCredentials } = await import('@/server/auth/users');
    expect(await checkCredentials(db, 'ops@example.com', admin.password)).toMatchObject({ email: 'ops@example.com' });
    expect(await setupTokenValid(db, link!)).toBe(false);
  });
});
