// The demo's first cleaning pass, run in-line at seed time (no job): the Cleaning tab opens on a real report with
// redactions to review, and the explorer's and datasets' "cleaned" filters have something to find.
import 'server-only';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { cleanRuns } from '@/db/schema';
import { DEFAULT_CLEAN_CONFIG } from './config';
import { executeCleanRun } from './execute';

export async function seedCleaningDemo(db: Db, projectId: string, createdBy: string | null): Promise<void> {
  const id = newId('clean');
  await db.insert(cleanRuns).values({ id, projectId, scope: 'raw', config: DEFAULT_CLEAN_CONFIG, createdBy });
  await executeCleanRun(db, projectId, id, { progress: async () => {} });
}
