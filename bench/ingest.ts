// Ingestion throughput: events/s through POST /api/v1/events (batches of 500, 8 concurrent clients) into real Postgres,
// against a raw COPY of the same rows into the same table, in the same run. Target: API ≥ 0.5 × COPY.
// The real route module (app/api/v1/events/route.ts) is mounted in a plain node:http server in this process, so no
// `next build` is needed; request bodies are serialised before the clock starts, so the clients cost little.
// Run: npx tsx --conditions=react-server bench/ingest.ts [--events 80000] [--rounds 2]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { postgresReachable, scratchPostgres } from '@/server/testing/db';
import { env } from '@/server/env';
import { createCredential } from '@/server/projects/credentials';
import { projects } from '@/db/schema';
import { seededRng } from '@/common/rng';

const { values } = parseArgs({ options: { events: { type: 'string', default: '80000' }, rounds: { type: 'string', default: '2' } } });
const TOTAL = Number(values.events);
const ROUNDS = Number(values.rounds);
const BATCH = 500;
const CLIENTS = 8;
const P = 'proj_bench';

type Row = { clientId: string; agentId: string; prompt: string; response: string; createdAt: string; metadata: Record<string, unknown> };

function makeRows(): Row[] {
  const rng = seededRng(7);
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: TOTAL }, (_, i) => {
    const [a, b] = [rng.int(0, 99), rng.int(0, 99)];
    const support = i % 3 === 0;
    return {
      clientId: `bench-${i}`,
      agentId: support ? 'support-bot' : 'math-agent',
      prompt: support ? `Hi, my order ${rng.digits(6)} has not arrived and the tracking page shows an error.` : `What is ${a}+${b}?`,
      response: support
        ? `Sorry about that! I have opened ticket ${rng.digits(5)}; you will hear from us within 24 hours.`
        : `<call:calculator>${a}+${b}</call><result>${a + b}</result><answer>${a + b}</answer>`,
      createdAt: new Date(start + i * 1000).toISOString(),
      metadata: { session: `s${i % 997}` },
    };
  });
}

/** COPY text format: backslash, tab, newline and carriage return escaped. */
const tsv = (v: string | null) =>
  v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

async function copyRun(url: string, rows: Row[]): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const t = performance.now();
    const stream =
      await sql`copy events (id, project_id, client_id, agent_id, source, prompt, response, metadata, batch_id, occurred_at) from stdin`.writable();
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows
        .slice(i, i + 1000)
        .map((r, k) =>
          [`evt_copy${i + k}`, P, r.clientId, r.agentId, 'api', r.prompt, r.response, JSON.stringify(r.metadata), 'batch_copy', r.createdAt]
            .map(tsv)
            .join('\t'),
        )
        .join('\n');
      if (!stream.write(`${chunk}\n`)) await new Promise((resolve) => stream.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end();
    });
    return performance.now() - t;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function apiRun(baseUrl: string, key: string, rows: Row[]): Promise<number> {
  const bodies: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    bodies.push(
      JSON.stringify(
        rows.slice(i, i + BATCH).map((r) => ({
          id: r.clientId,
          agent_id: r.agentId,
          prompt: r.prompt,
          response: r.response,
          created_at: r.createdAt,
          metadata: r.metadata,
        })),
      ),
    );
  }
  let next = 0;
  let stored = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await fetch(`${baseUrl}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body,
        });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        stored += ((await res.json()) as { counts: { stored: number } }).counts.stored;
      }
    }),
  );
  const ms = performance.now() - t;
  if (stored !== rows.length) throw new Error(`API stored ${stored} of ${rows.length} events`);
  return ms;
}

/** The Next.js route handler, served by node:http: IncomingMessage → Request → the route's POST → Response. */
async function mountRoute(): Promise<{ url: string; close: () => Promise<void> }> {
  const route = await import('@/app/api/v1/events/route');
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      const response = await route.POST(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main() {
  if (!(await postgresReachable())) {
    console.log('Postgres is not reachable (TEST_POSTGRES_URL / DATABASE_URL / 127.0.0.1:5432): nothing to measure.');
    return;
  }
  const scratch = await scratchPostgres();
  // The route reads its database from env.DATABASE_URL on first use: point it at the scratch database.
  env.DATABASE_URL = scratch.url;
  const server = await mountRoute();
  try {
    await scratch.db.insert(projects).values({ id: P, name: 'bench', slug: 'bench' });
    const key = (await createCredential(scratch.db, { projectId: P, kind: 'api_key', name: 'bench', createdBy: null })).secret;
    const rows = makeRows();
    const truncate = () => scratch.db.execute(sql`truncate events cascade`);
    // Warm up both paths (connections, JIT, plan caches) on a small slice, then measure on an empty table each time.
    await apiRun(server.url, key, rows.slice(0, 2 * BATCH));
    await truncate();
    console.log(
      `Ingestion: ${TOTAL.toLocaleString('en-US')} events per run, HTTP = the real route module on node:http, ${CLIENTS} clients × batches of ${BATCH}; COPY = one COPY … FROM STDIN stream.`,
    );
    let copyMs = 0;
    let apiMs = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const c = await copyRun(scratch.url, rows);
      await truncate();
      const a = await apiRun(server.url, key, rows);
      await truncate();
      copyMs += c;
      apiMs += a;
      console.log(`  round ${round}: COPY ${rate(c)} events/s, HTTP API ${rate(a)} events/s, ratio ${(c / a).toFixed(2)}`);
    }
    console.log(
      `Overall: COPY ${rate(copyMs / ROUNDS)} events/s, HTTP API ${rate(apiMs / ROUNDS)} events/s, API/COPY = ${(copyMs / apiMs).toFixed(2)} (target ≥ 0.50)`,
    );
  } finally {
    await server.close();
    const { getDbHandle } = await import('@/server/db');
    await (await getDbHandle()).close();
    await scratch.drop();
  }
}

const rate = (ms: number) => Math.round(TOTAL / (ms / 1000)).toLocaleString('en-US');

await main();
