// Server components call procedures directly, with the same role checks as the HTTP API.
import 'server-only';
import { cache } from 'react';
import { createCaller } from '@/server/routers/_app';
import { createRequestContext } from './context';

export const serverApi = cache(async () => createCaller(await createRequestContext()));
