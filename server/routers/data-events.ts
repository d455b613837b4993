// Data › Events: the explorer (keyset pages, a capped count, agents to filter by) and one event in full.
import { z } from 'zod';
import { eventFilterSchema } from '@/server/data/events/filter';
import { countEvents, getEvent, listAgents, listEvents } from '@/server/data/events/list';
import { found, projectInput, router, viewerProcedure } from '@/server/trpc/init';

const filterInput = projectInput.extend(eventFilterSchema.shape);

export const dataEventsRouter = router({
  list: viewerProcedure
    .input(filterInput.extend({ cursor: z.string().max(500).optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listEvents(ctx.db, ctx.projectId, input)),
  count: viewerProcedure.input(filterInput).query(({ ctx, input }) => countEvents(ctx.db, ctx.projectId, input)),
  agents: viewerProcedure.input(projectInput).query(({ ctx }) => listAgents(ctx.db, ctx.projectId)),
  get: viewerProcedure
    .input(projectInput.extend({ eventId: z.string().min(1), original: z.boolean().default(false) }))
    .query(async ({ ctx, input }) =>
      found(await getEvent(ctx.db, ctx.projectId, input.eventId, { role: ctx.role, original: input.original }), 'event'),
    ),
});
