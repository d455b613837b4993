// `npm run factory -- data upload --project ID --file FILE [--agent ID] [--format jsonl|csv]`: the UI upload's code, from a shell.
import 'server-only';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { getDbHandle } from '@/server/db';
import { projects } from '@/db/schema';
import { env } from '@/server/env';
import { formatOf } from '@/server/data/ingest/records';
import { ingestUpload } from '@/server/data/ingest/upload';
import { isTooLarge } from '@/server/data/ingest/source';
import { flushStatsRefresh } from '@/server/data/stats-refresh';
import type { CliCommand } from './command';

export const dataUpload: CliCommand = {
  summary: 'Ingest a JSONL/CSV/OpenAI-chat file into a project',
  options: {
    project: { type: 'string' },
    file: { type: 'string' },
    agent: { type: 'string' },
    format: { type: 'string' },
  },
  run: async (flags) => {
    const projectId = flags.project;
    const file = flags.file;
    if (typeof projectId !== 'string' || typeof file !== 'string') {
      console.error('Usage: npm run factory -- data upload --project proj_demo --file FILE [--agent ID] [--format jsonl|csv]');
      return 2;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      console.error(`No such file: ${file}`);
      return 2;
    }
    const handle = await getDbHandle();
    try {
      const [project] = await handle.db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
      if (!project) {
        console.error(`No project "${projectId}" in this database.`);
        return 2;
      }
      const r = await ingestUpload(handle.db, createReadStream(file), {
        projectId,
        fileName: path.basename(file),
        format: formatOf(file, typeof flags.format === 'string' ? flags.format : null),
        defaultAgentId: typeof flags.agent === 'string' ? flags.agent : undefined,
        declaredBytes: info.size,
        maxBytes: env.MAX_UPLOAD_BYTES,
        limit: 'local',
        kind: 'cli',
        createdBy: null,
      }).catch((err: unknown) => {
        if (!isTooLarge(err)) throw err;
        console.error((err as Error).message);
        return null;
      });
      if (!r) return 1;
      // The process ends next: analyze what the upload added now rather than on a timer that would never fire.
      await flushStatsRefresh(handle.db);
      console.log(
        `${r.fileName}: ${r.lines} lines, ${r.stored} stored, ${r.duplicates} duplicates, ${r.rejected} rejected (batch ${r.id})`,
      );
      for (const x of r.rejections) console.log(`  line ${x.line}: ${x.reason}`);
      if (r.rejected > r.rejections.length) console.log(`  … and ${r.rejected - r.rejections.length} more rejected lines`);
      if (r.error) console.error(r.error);
      // Non-zero when anything did not land, so a script can tell a clean import from a partial one.
      return r.error || r.rejected ? 1 : 0;
    } finally {
      await handle.close();
    }
  },
};
