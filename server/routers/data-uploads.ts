// Data › Upload: the history of uploaded files. The upload itself streams through app/api/data/[projectId]/upload.
import { z } from 'zod';
import { listUploads } from '@/server/data/ingest/history';
import { projectInput, router, viewerProcedure } from '@/server/trpc/init';

export const dataUploadsRouter = router({
  list: viewerProcedure
    .input(projectInput.extend({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(10) }))
    .query(({ ctx, input }) => listUploads(ctx.db, ctx.projectId, input)),
});
