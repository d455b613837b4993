// Admins manage members: add by email (new people get a one-time password that signs them in), change roles,
// remove; a project can never be left without an admin, and only admins may do any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { createCaller } from '@/server/routers/_app';
import { checkCredentials } from '@/server/auth/users';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } }).project;

describe('members', () => {
  it('adds a new person with a one-time password, and an existing one without', async () => {
    const added = await as('user_admin').addMember({ projectId: P, email: 'New.Person@Example.com', role: 'engineer' });
    expect(added).toMatchObject({ email: 'new.person@example.com', role: 'engineer', created: true });
    expect(await checkCredentials(h.db, 'new.person@example.com', added.temporaryPassword!)).toMatchObject({ id: added.userId });
    const sandboxUser = await as('user_admin')
      .addMember({ projectId: P, email: 'new.person@example.com', role: 'viewer' })
      .catch((e) => e);
    expect(sandboxUser.cause).toMatchObject({ field: 'email' });
    const members = await as('user_admin').members({ projectId: P });
    expect(members.find((m) => m.email === 'new.person@example.com')?.role).toBe('engineer');
  });

  it('changes roles and removes members, but never the last admin', async () => {
    const list = await as('user_admin').members({ projectId: P });
    const person = list.find((m) => m.email === 'new.person@example.com')!;
    expect(await as('user_admin').setMemberRole({ projectId: P, userId: person.userId, role: 'viewer' })).toMatchObject({ role: 'viewer' });
    const demote = await as('user_admin')
      .setMemberRole({ projectId: P, userId: 'user_admin', role: 'engineer' })
      .catch((e) => e);
    expect(demote.code).toBe('CONFLICT');
    const leave = await as('user_admin')
      .removeMember({ projectId: P, userId: 'user_admin' })
      .catch((e) => e);
    expect(leave.message).toMatch(/only admin/);
    expect(await as('user_admin').removeMember({ projectId: P, userId: person.userId })).toEqual({ removed: person.userId });
  });

  it('is an admin’s job; any member may see who the admins are', async () => {
    const refused = await as('user_engineer')
      .addMember({ projectId: P, email: 'x@example.com', role: 'admin' })
      .catch((e) => e);
    expect(refused.code).toBe('FORBIDDEN');
    expect(await as('user_annotator').admins({ projectId: P })).toEqual([{ name: 'Ada Admin', email: 'admin@demo.agentfactory.dev' }]);
  });
});
