// The UI's API: every tRPC procedure over HTTP, with the caller's session as context. Writes (POST) must come from
// the app's own pages: the session cookie alone would let any page on this host act as the user.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/routers/_app';
import { bearerFrom } from '@/server/auth/secrets';
import { crossSiteRefusal } from '@/server/http/same-origin';
import { createRequestContext } from '@/server/trpc/context';
import { responseMeta } from '@/server/trpc/response-meta';

export const dynamic = 'force-dynamic';

const handler = (req: Request) => {
  // A request that carries an API key carries no ambient credential a foreign page could borrow.
  const refused = bearerFrom(req.headers) ? null : crossSiteRefusal(req);
  if (refused) return Response.json({ error: refused, code: 'forbidden' }, { status: 403 });
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createRequestContext(req),
    responseMeta,
  });
};

export { handler as GET, handler as POST };
