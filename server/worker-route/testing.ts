// Tests only: serves the real worker-route modules on a node:http server, as Next.js would, without building the app.
// (The one place server/ reaches into app/: it exists to test those route files.)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

type Handler = (req: Request, ctx: { params: Promise<{ jobId: string; artifactId: string }> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT', Handler>>;
type Route = { pattern: RegExp; load: () => Promise<RouteModule> };

const job = (action: string) => new RegExp(`^/api/worker/jobs/([^/]+)/${action}$`);

// Static imports, one per route file, so the bundler resolves each exactly as Next.js would; a method a file does not
// export gets Next.js's own answer, an empty 405.
const routes: Route[] = [
  { pattern: /^\/api\/worker\/register$/, load: () => import('@/app/api/worker/register/route') },
  { pattern: /^\/api\/worker\/claim$/, load: () => import('@/app/api/worker/claim/route') },
  { pattern: job('heartbeat'), load: () => import('@/app/api/worker/jobs/[jobId]/heartbeat/route') },
  { pattern: job('progress'), load: () => import('@/app/api/worker/jobs/[jobId]/progress/route') },
  { pattern: job('complete'), load: () => import('@/app/api/worker/jobs/[jobId]/complete/route') },
  { pattern: job('fail'), load: () => import('@/app/api/worker/jobs/[jobId]/fail/route') },
  { pattern: job('cancelled'), load: () => import('@/app/api/worker/jobs/[jobId]/cancelled/route') },
  { pattern: job('artifact'), load: () => import('@/app/api/worker/jobs/[jobId]/artifact/route') },
  { pattern: job('artifacts/([^/]+)'), load: () => import('@/app/api/worker/jobs/[jobId]/artifacts/[artifactId]/route') },
];

export function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', base), {
    method: req.method,
    headers,
    // Streamed through, so the artefact route sees the body exactly as it would under Next.js.
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

export async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  // Refused before its body was read (a 413): the rest of that body is still on the socket, so it cannot be reused.
  if (!req.complete) res.setHeader('connection', 'close');
  res.end(Buffer.from(await response.arrayBuffer()));
}

export type RouteServer = { url: string; close: () => Promise<void> };

export async function startRouteServer(): Promise<RouteServer> {
  // Loaded before listening: the first import of a route pulls in every job type, which on a busy machine can take
  // longer than a test waits for a worker's first call.
  await Promise.all(routes.map((r) => r.load()));
  return serveOnLoopback(async (req, res, base) => {
    const path = new URL(req.url ?? '/', base).pathname;
    for (const r of routes) {
      const match = r.pattern.exec(path);
      if (!match) continue;
      const handler = (await r.load())[req.method as 'GET' | 'POST' | 'PUT'];
      if (!handler) {
        res.statusCode = 405;
        return res.end();
      }
      const jobId = decodeURIComponent(match[1] ?? '');
      const artifactId = decodeURIComponent(match[2] ?? '');
      return writeResponse(req, res, await handler(toRequest(req, base), { params: Promise.resolve({ jobId, artifactId }) }));
    }
    res.statusCode = 404;
    res.end();
  });
}

/**
 * An http server on a free loopback port that hands each request to `handle` (with the server's base URL); an
 * escaped error answers 500 with its text. Closing drops open connections, so a test's teardown never waits on one.
 */
export async function serveOnLoopback(
  handle: (req: IncomingMessage, res: ServerResponse, base: string) => Promise<unknown>,
): Promise<RouteServer> {
  let base = '';
  const server = createServer((req, res) => {
    handle(req, res, base).catch((err: unknown) => {
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
