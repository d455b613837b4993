// `npm run factory -- runtime deploy --project P --model M [--name N] [--template T] [--canary PCT]`: the deploy
// form's action (the gate refuses a model without a PASS, exit 1). `runtime chat --project P --name N --message TEXT`:
// one exchange served by a pool in this process, exactly as the API serves it (and logged into Data before exit).
import 'server-only';
import type { Db } from '@/db';
import { getDbHandle } from '@/server/db';
import { isDomainError } from '@/server/domain-error';
import { deployModel } from '@/server/runtime/deploy';
import { exchangeLog } from '@/server/runtime/exchange-log';
import { RuntimeHost } from '@/server/runtime/pools';
import { playgroundChat } from '@/server/runtime/serve';
import type { CliCommand } from './command';
import { projectExists, type Out } from './eval-shared';

type Flags = Record<string, string | boolean | undefined>;
const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

export async function runtimeDeploy(db: Db, flags: Flags, out: Out): Promise<number> {
  const project = str(flags.project);
  const model = str(flags.model);
  if (!project || !model) {
    out.error('Usage: npm run factory -- runtime deploy --project P --model M [--name N] [--template T] [--canary PCT]');
    return 2;
  }
  if (!(await projectExists(db, project))) {
    out.error(`No project "${project}" in this database.`);
    return 2;
  }
  try {
    const canary = str(flags.canary);
    const d = await deployModel(db, {
      projectId: project,
      modelId: model,
      name: str(flags.name),
      templateId: str(flags.template),
      canaryPercent: canary === undefined ? undefined : Number(canary),
      actorId: 'cli',
    });
    out.log(`${d.deploymentId} version ${d.version}: POST ${d.endpoint} with "model" set to its name`);
    return 0;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    out.error(`Refused (${err.code}): ${err.message}`);
    return 1;
  }
}

export async function runtimeChat(db: Db, flags: Flags, out: Out): Promise<number> {
  const [project, name, message] = [str(flags.project), str(flags.name), str(flags.message)];
  if (!project || !name || !message) {
    out.error('Usage: npm run factory -- runtime chat --project P --name N --message TEXT');
    return 2;
  }
  const host = new RuntimeHost(db);
  try {
    const r = await playgroundChat(db, host, project, name, message);
    for (const s of r.steps) out.log(`  ${s.call.tool}(${s.call.args}) → ${s.error !== undefined ? `error: ${s.error}` : s.result}`);
    out.log(r.answer);
    return 0;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    out.error(`Refused (${err.code}): ${err.message}`);
    return 1;
  } finally {
    await exchangeLog(db).flush();
    await host.close();
  }
}

const withDb = (f: (db: Db, flags: Flags, out: Out) => Promise<number>) => async (flags: Flags) => {
  try {
    const handle = await getDbHandle();
    try {
      return await f(handle.db, flags, { log: (l) => console.log(l), error: (l) => console.error(l) });
    } finally {
      await handle.close();
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
};

export const runtimeDeployCommand: CliCommand = {
  summary: 'Deploy a model that passed its evaluation (a new version of its name)',
  options: {
    project: { type: 'string' },
    model: { type: 'string' },
    name: { type: 'string' },
    template: { type: 'string' },
    canary: { type: 'string' },
  },
  run: withDb(runtimeDeploy),
};

export const runtimeChatCommand: CliCommand = {
  summary: 'Ask a deployment one question, served by a sandbox pool in this process',
  options: { project: { type: 'string' }, name: { type: 'string' }, message: { type: 'string' } },
  run: withDb(runtimeChat),
};
