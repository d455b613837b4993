// Every tRPC procedure × every role: who is let through and who gets FORBIDDEN, on a real (embedded) database.
// A new procedure fails this test until its row is added below, so access is always a decision, never an accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID, DEMO_USERS } from '@/server/main/demo-seed';
import { users, type Role } from '@/db/schema';
import type { DbHandle } from '@/db';
import { ACCESS } from '@/server/auth/roles';
import type { Meta } from '@/server/trpc/init';
import { appRouter, createCaller } from './_app';

const EXPECTED: Record<string, Meta['access']> = {
  'setup.createFirstAdmin': 'public',
  'project.mine': 'signed-in',
  'project.get': 'member',
  'project.members': 'admin',
  'project.admins': 'member',
  'project.addMember': 'admin',
  'project.setMemberRole': 'admin',
  'project.removeMember': 'admin',
  'project.apiKeys.list': 'admin',
  'project.apiKeys.create': 'admin',
  'project.apiKeys.revoke': 'admin',
  'project.workerTokens.list': 'admin',
  'project.workerTokens.create': 'admin',
  'project.workerTokens.revoke': 'admin',
  'pipeline.list': 'read',
  'pipeline.get': 'read',
  'pipeline.lineage': 'read',
  'pipeline.create': 'write',
  'pipeline.startStep': 'write',
  'pipeline.backToTraining': 'write',
  'jobs.list': 'read',
  'jobs.summary': 'read',
  'jobs.get': 'read',
  'jobs.workers': 'read',
  'jobs.runDiagnostic': 'write',
  'jobs.cancel': 'write',
  'jobs.restart': 'write',
  'data.events.list': 'read',
  'data.events.count': 'read',
  'data.events.agents': 'read',
  'data.events.get': 'read',
  'data.uploads.list': 'read',
  'data.datasets.list': 'read',
  'data.datasets.get': 'read',
  'data.datasets.examples': 'read',
  'data.datasets.create': 'write',
  'data.annotation.myQueues': 'annotate',
  'data.annotation.myItems': 'annotate',
  'data.annotation.item': 'annotate',
  'data.annotation.rate': 'annotate',
  'data.annotation.skip': 'annotate',
  'data.annotation.comment': 'annotate',
  'data.annotation.queues': 'read',
  'data.annotation.report': 'read',
  'data.annotation.items': 'read',
  'data.annotation.judgeJob': 'read',
  'data.annotation.raters': 'write',
  'data.annotation.createQueue': 'write',
  'data.annotation.updateQueue': 'write',
  'data.annotation.deleteQueue': 'write',
  'data.annotation.addItems': 'write',
  'data.annotation.assign': 'write',
  'data.annotation.unassign': 'write',
  'data.annotation.judgeSettings': 'write',
  'data.annotation.saveJudgeSettings': 'admin',
  'data.annotation.setJudgeModel': 'write',
  'data.annotation.removeJudgeSettings': 'admin',
  'data.annotation.runJudge': 'write',
  'data.cleaning.runs': 'read',
  'data.cleaning.run': 'read',
  'data.cleaning.redactions': 'write',
  'data.cleaning.quality': 'read',
  'data.cleaning.start': 'write',
  'data.cleaning.review': 'write',
  'compute.overview': 'read',
  'compute.list': 'read',
  'compute.queue': 'read',
  'compute.get': 'read',
  'compute.utilisation': 'read',
  'compute.request': 'write',
  'compute.release': 'write',
  'compute.restart': 'write',
  'compute.clusters.list': 'read',
  'compute.clusters.pools': 'read',
  'compute.clusters.save': 'admin',
  'compute.clusters.remove': 'admin',
  'compute.clusters.test': 'admin',
  'environment.scenarios.list': 'read',
  'environment.scenarios.get': 'read',
  'environment.scenarios.create': 'write',
  'environment.scenarios.update': 'write',
  'environment.cases.list': 'read',
  'environment.cases.add': 'write',
  'environment.cases.update': 'write',
  'environment.cases.remove': 'write',
  'environment.cases.paste': 'write',
  'environment.cases.generate': 'write',
  'environment.runs.list': 'read',
  'environment.runs.get': 'read',
  'environment.runs.start': 'write',
  'environment.runs.trajectories': 'read',
  'environment.runs.trajectory': 'read',
  'environment.runs.sendToData': 'write',
  'environment.validate': 'write',
  'environment.tools': 'read',
  'environment.policies': 'read',
  'training.options': 'read',
  'training.start': 'write',
  'training.runs': 'read',
  'training.run': 'read',
  'training.models': 'read',
  'training.model': 'read',
  'training.curves': 'read',
  'project.modelEndpoints.list': 'read',
  'project.modelEndpoints.save': 'admin',
  'project.modelEndpoints.remove': 'admin',
  'runtime.deployments.list': 'read',
  'runtime.deployments.get': 'read',
  'runtime.deployments.deployable': 'read',
  'runtime.deployments.deploy': 'write',
  'runtime.deployments.stop': 'write',
  'runtime.deployments.rollback': 'write',
  'runtime.deployments.promote': 'write',
  'runtime.templates.list': 'read',
  'runtime.templates.save': 'write',
  'runtime.chat': 'write',
  'evaluation.tasksets.list': 'read',
  'evaluation.tasksets.options': 'read',
  'evaluation.tasksets.get': 'read',
  'evaluation.tasksets.fromScenario': 'write',
  'evaluation.tasksets.fromPaste': 'write',
  'evaluation.tasksets.fromGenerator': 'write',
  'evaluation.tasksets.import': 'write',
  'evaluation.tasksets.update': 'write',
  'evaluation.tasksets.setJudgePrompt': 'write',
  'evaluation.cases.list': 'read',
  'evaluation.cases.add': 'write',
  'evaluation.cases.paste': 'write',
  'evaluation.cases.generate': 'write',
  'evaluation.cases.remove': 'write',
  'evaluation.runs.list': 'read',
  'evaluation.runs.get': 'read',
  'evaluation.runs.cases': 'read',
  'evaluation.runs.case': 'read',
  'evaluation.runs.subjects': 'read',
  'evaluation.runs.start': 'write',
  'evaluation.runs.rescore': 'write',
  'evaluation.runs.backToTraining': 'write',
  'evaluation.reports.compare': 'read',
  'evaluation.reports.lines': 'read',
  'evaluation.reports.trend': 'read',
  'evaluation.ratings.status': 'write',
  'evaluation.ratings.rate': 'write',
  'evaluation.policy.get': 'read',
  'evaluation.policy.save': 'write',
  'evaluation.gate.status': 'read',
};

type AnyProcedure = { _def: { meta?: Meta } };
// At run time tRPC keeps a flat map of dotted paths, whatever the nested type says.
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
  await h.db.insert(users).values({ id: 'user_outsider', email: 'out@example.com', name: 'Outsider', passwordHash: 'x' });
});
afterAll(() => h.close());

async function outcome(userId: string | null, path: string): Promise<string> {
  const user = userId ? { id: userId, email: `${userId}@t`, name: userId } : null;
  // Walks the caller by a dotted path: its shape is the whole router, typed per procedure.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let node: any = createCaller({ db: h.db, user });
  for (const part of path.split('.')) node = node[part];
  try {
    await node({ projectId: DEMO_PROJECT_ID });
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code === 'FORBIDDEN' || err.code === 'UNAUTHORIZED' ? err.code : 'ok';
    throw err;
  }
}

describe('role × procedure matrix', () => {
  it('lists every procedure, with the access its meta declares', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [path, proc] of Object.entries(procedures)) expect([path, proc._def.meta?.access]).toEqual([path, EXPECTED[path]]);
  });

  const roles = DEMO_USERS.map((u) => [u.role, u.id] as [Role, string]);
  for (const [path, access] of Object.entries(EXPECTED)) {
    it(`${path} (${access})`, async () => {
      expect(await outcome(null, path)).toBe(access === 'public' ? 'ok' : 'UNAUTHORIZED');
      for (const [role, userId] of roles) {
        const allowed =
          access === 'signed-in' || access === 'public' || (ACCESS[access as keyof typeof ACCESS] as readonly Role[]).includes(role);
        expect([role, await outcome(userId, path)]).toEqual([role, allowed ? 'ok' : 'FORBIDDEN']);
      }
      if (access !== 'signed-in' && access !== 'public') expect(await outcome('user_outsider', path)).toBe('FORBIDDEN');
    });
  }
});
