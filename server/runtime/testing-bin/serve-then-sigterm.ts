// Child process for exchange-log.test.ts: queues served exchanges with a flush timer too long to fire, installs the
// SIGTERM flush and a competing handler that exits at once (as Next.js's does), then waits to be terminated.
import { openDb } from '@/db/client';
import { deployments, projects } from '@/db/schema';
import { ExchangeLog } from '@/server/runtime/exchange-log';
import { flushOnSigterm } from '@/server/runtime/shutdown';
import { BASIC_AGENT_CONFIG } from '@/server/runtime/template-input';

const [dir, countArg] = process.argv.slice(2);
const handle = await openDb({ kind: 'pglite', dataDir: dir! });
await handle.db.insert(projects).values({ id: 'proj_t', name: 'T', slug: 't' });
await handle.db.insert(deployments).values({
  id: 'deploy_t',
  projectId: 'proj_t',
  name: 'math',
  version: 1,
  modelId: 'model_t',
  templateId: 'tpl_t',
  config: BASIC_AGENT_CONFIG,
});
const log = new ExchangeLog(handle.db, { flushMs: 3_600_000, flushAt: 1_000_000 });
for (let i = 0; i < Number(countArg); i++)
  log.record(
    {
      id: `evt_${i}`,
      projectId: 'proj_t',
      agentId: 'math',
      source: 'runtime',
      prompt: `What is ${i}+1?`,
      response: `<answer>${i + 1}</answer>`,
    },
    { id: `req_${i}`, projectId: 'proj_t', deploymentId: 'deploy_t', status: 200, latencyMs: 1, eventId: `evt_${i}` },
  );
process.on('SIGTERM', () => process.exit(143));
flushOnSigterm(async () => {
  await log.flush();
  await handle.close();
});
console.log(`QUEUED ${log.pending}`);
setInterval(() => {}, 1000);
