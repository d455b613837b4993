// The Data factory's demo: 3,600 arithmetic interactions of a calculator-using agent, ~150 support chats full of
// personal data, duplicates and junk, and a first dataset version (ds_math_v1) built from the arithmetic ones.
// Deterministic (seeded) and fast: multi-row inserts, and the dataset is built in-line rather than as a job.
import 'server-only';
import type { Db } from '@/db';
import { createHash } from 'node:crypto';
import { events } from '@/db/schema';
import { buildDataset } from './datasets/build';
import { createDatasetVersion } from './datasets/create';
import { mathInteractions, type DemoInteraction } from './demo/math';
import { seededRng } from '@/common/rng';
import { supportInteractions } from './demo/support';

export const DEMO_MATH_AGENT = 'math-agent';
export const DEMO_SUPPORT_AGENT = 'support-bot';
export const DEMO_DATASET = 'math';
// Enough distinct questions that the agent learns to read wordings rather than recall them: four epochs of the
// training split are the ~400 steps the built-in trainer needs (server/training/engine/README.md).
const MATH_COUNT = 3_600;
const DAY_MS = 24 * 3600 * 1000;

const seedEventId = (projectId: string, clientId: string) =>
  `evt_${createHash('sha256').update(`${projectId}/${clientId}`).digest('hex').slice(0, 20)}`;

export async function seedDataDemo(db: Db, projectId: string): Promise<void> {
  // Two streams: the arithmetic questions draw from their own, so a change to them leaves the support chats and
  // every event's date (what cleaning sees first) as they were.
  const mathRng = seededRng(20250301);
  const rng = seededRng(20250302);
  const now = Date.now();
  const rows = (agentId: string, prefix: string, list: DemoInteraction[]) =>
    list.map((x, i) => {
      const clientId = `seed-${prefix}${String(i + 1).padStart(4, '0')}`;
      return {
        // Ids derived from (project, client id): the same demo events, and so the same ds_math_v1 split, in every database.
        id: seedEventId(projectId, clientId),
        clientId,
        projectId,
        agentId,
        source: 'seed' as const,
        prompt: x.prompt,
        response: x.response,
        metadata: x.metadata,
        // Spread over the last two weeks, so the explorer's date filter has something to narrow.
        occurredAt: new Date(now - Math.floor(rng.next() * 14 * DAY_MS)),
      };
    });
  const all = [
    ...rows(DEMO_MATH_AGENT, 'm', mathInteractions(mathRng, MATH_COUNT)),
    ...rows(DEMO_SUPPORT_AGENT, 's', supportInteractions(rng)),
  ];
  for (let i = 0; i < all.length; i += 1_000) await db.insert(events).values(all.slice(i, i + 1_000));

  const ds = await createDatasetVersion(db, {
    projectId,
    name: DEMO_DATASET,
    description: 'Arithmetic questions answered with the calculator tool (demo seed).',
    filter: { agentId: DEMO_MATH_AGENT, source: 'seed' },
    seed: 42,
    validationFraction: 0.1,
    createdBy: null,
  });
  await buildDataset(db, projectId, ds.id, { exports: 'hash' });
}
