// Tests only: serves the app's real API route modules (tRPC and the public v1 routes the client uses) on a node:http
// server, as Next.js would, without building the app.
import { serveOnLoopback, toRequest, writeResponse, type RouteServer } from '@/server/worker-route/testing';

type Handler = (req: Request) => Promise<Response> | Response;

const routes: { pattern: RegExp; load: () => Promise<{ GET?: Handler; POST?: Handler }> }[] = [
  { pattern: /^\/api\/trpc\//, load: () => import('@/app/api/trpc/[trpc]/route') },
  { pattern: /^\/api\/v1\/events$/, load: () => import('@/app/api/v1/events/route') },
  { pattern: /^\/api\/v1\/project$/, load: () => import('@/app/api/v1/project/route') },
  { pattern: /^\/api\/v1\/chat\/completions$/, load: () => import('@/app/api/v1/chat/completions/route') },
  { pattern: /^\/api\/v1\/models$/, load: () => import('@/app/api/v1/models/route') },
  { pattern: /^\/api\/health$/, load: () => import('@/app/api/health/route') },
];

export async function startApiServer(): Promise<RouteServer> {
  await Promise.all(routes.map((r) => r.load()));
  return serveOnLoopback(async (req, res, base) => {
    const path = new URL(req.url ?? '/', base).pathname;
    const route = routes.find((r) => r.pattern.test(path));
    const handler = route && (await route.load())[req.method === 'POST' ? 'POST' : 'GET'];
    if (!handler) {
      res.statusCode = 404;
      return res.end();
    }
    return writeResponse(req, res, await handler(toRequest(req, base)));
  });
}
