// The annotation demo: one blind queue of sampled arithmetic interactions, waiting for the demo annotator and
// engineer to rate (two raters per item, so agreement shows as soon as both start). No ratings are made up.
import type { Db } from '@/db';
import { DomainError } from '@/server/domain-error';
import { addItems } from './items';
import { assign } from './assign';
import { createQueue } from './queues';

export const DEMO_QUEUE_NAME = 'Math answers: is the final answer right?';

export async function seedAnnotationDemo(db: Db, projectId: string, agentId = 'math-agent'): Promise<void> {
  const queue = await createQueue(
    db,
    projectId,
    {
      name: DEMO_QUEUE_NAME,
      instructions:
        'Rate the final answer: 1 = wrong, 3 = right but the calculator was misused or the answer is badly formatted, 5 = right and cleanly done.',
      overlap: 2,
      blind: true,
      scalePoints: 5,
    },
    null,
  );
  // Without demo events (a project seeded before the data demo existed) the queue simply stays empty.
  const added = await addItems(db, projectId, queue.id, { mode: 'sample', n: 40, seed: 7, filter: { agentId } }).catch((err) => {
    if (err instanceof DomainError) return null;
    throw err;
  });
  // The demo annotator and engineer of db/seed.ts.
  if (added?.added) await assign(db, projectId, queue.id, { strategy: 'everyone', userIds: ['user_annotator', 'user_engineer'] }, null);
}
