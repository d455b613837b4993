// The demo project's pipeline run, ready to start: the wizard opens on it with every step pending.
import 'server-only';
import type { Db } from '@/db';
import { createPipelineRun } from './runs';

export async function seedPipelineDemo(db: Db, projectId: string): Promise<void> {
  await createPipelineRun(db, { projectId, name: 'Math agent: zero to deployed', createdBy: 'user_engineer' });
}
