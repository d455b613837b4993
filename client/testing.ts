// Tests only: serves the app's real API route modules (tRPC and the public v1 routes the client uses) on a node:http
// server, as Next.js would, without building the app.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toRequest, writeResponse, type RouteServer } from '@/server/worker-route/testing';

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
  let base = '';
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', base).pathname;
      const route = routes.find((r) => r.pattern.test(path));
      const handler = route && (await route.load())[req.method === 'POST' ? 'POST' : 'GET'];
      if (!handler) {
        res.statusCode = 404;
        return res.end();
      }
      return writeResponse(req, res, await handler(toRequest(req, base)));
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
