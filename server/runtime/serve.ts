// One served chat exchange: pick the version of the named deployment (a canary takes its share of requests at
// random), claim a warm sandbox, run the agent loop in it within the template's time limit, give the sandbox back
// (a dead one is replaced), and queue the exchange for Data and the request log. The HTTP shapes: ./http/chat.ts.
import 'server-only';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import type { Deployment } from '@/db/schema';
import { DomainError, isDomainError } from '@/server/domain-error';
import type { ChatResult } from './sandbox/protocol';
import { servingVersions } from './deployments';
import { exchangeLog } from './exchange-log';
import type { RuntimeHost } from './pools';

export type ChatMessage = { role: 'system' | 'user' | 'assistant' | 'tool' | 'developer'; content: string };

export type Exchange = { deployment: Deployment; result: ChatResult; latencyMs: number; requestId: string };

/** The version that takes this request: weighted by traffic share. */
export function pickVersion(versions: Deployment[], r = Math.random()): Deployment {
  const total = versions.reduce((s, v) => s + v.trafficPercent, 0);
  let x = r * total;
  for (const v of versions) {
    x -= v.trafficPercent;
    if (x < 0) return v;
  }
  return versions[versions.length - 1]!;
}

/** The question the model answers: the last user message (the built-in model reads one prompt, not a dialogue). */
export function promptOf(messages: ChatMessage[]): string {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (!last || !last.content.trim())
    throw new DomainError('bad_request', 'messages must contain a user message with text.', { field: 'messages' });
  return last.content;
}

export async function serveChat(
  db: Db,
  host: RuntimeHost,
  r: { projectId: string; model: string; messages: ChatMessage[]; stream: boolean },
): Promise<Exchange> {
  const versions = await servingVersions(db, r.projectId, r.model);
  if (!versions.length)
    throw new DomainError(
      'not_found',
      `The model \`${r.model}\` does not exist: deploy it first (GET /api/v1/models lists what is served).`,
    );
  const prompt = promptOf(r.messages);
  const deployment = pickVersion(versions);
  const started = performance.now();
  const requestId = newId('req');
  const log = exchangeLog(db);
  try {
    const pool = await host.poolFor(deployment);
    const sandbox = await pool.acquire();
    let result: ChatResult;
    try {
      result = await sandbox.chat(prompt, { timeoutMs: deployment.config.requestTimeoutMs });
    } finally {
      pool.release(sandbox);
    }
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const eventId = newId('evt');
    log.record(
      {
        id: eventId,
        projectId: r.projectId,
        agentId: deployment.name,
        source: 'runtime',
        prompt,
        response: result.transcript,
        metadata: {
          deploymentId: deployment.id,
          deployment: deployment.name,
          version: deployment.version,
          modelId: deployment.modelId,
          requestId,
          latencyMs,
          answer: result.answer,
          trajectory: result.steps,
          finishReason: result.reason,
        },
      },
      {
        id: requestId,
        projectId: r.projectId,
        deploymentId: deployment.id,
        status: 200,
        latencyMs,
        stream: r.stream ? 1 : 0,
        eventId,
        prompt,
        answer: result.answer,
      },
    );
    return { deployment, result, latencyMs, requestId };
  } catch (err) {
    const status = isDomainError(err) ? err.status : 500;
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    log.record(null, {
      id: requestId,
      projectId: r.projectId,
      deploymentId: deployment.id,
      status,
      latencyMs,
      stream: r.stream ? 1 : 0,
      prompt,
      error: isDomainError(err) ? err.message : 'internal error',
    });
    throw err;
  }
}

/** The playground's chat: the same path as the API (the exchange is logged like any other), with the trajectory. */
export async function playgroundChat(db: Db, host: RuntimeHost, projectId: string, name: string, prompt: string) {
  const x = await serveChat(db, host, { projectId, model: name, messages: [{ role: 'user', content: prompt }], stream: false });
  return {
    answer: x.result.answer,
    transcript: x.result.transcript,
    steps: x.result.steps,
    finishReason: x.result.reason,
    latencyMs: x.latencyMs,
    deploymentId: x.deployment.id,
    version: x.deployment.version,
  };
}
