// What an evaluation scores: a subject, named by a reference `kind:id` and made by the provider of its kind. A provider
// turns the reference into something that answers a batch of cases through the agent loop and the sandboxed tools,
// returning each case's trajectory as the Environment executor records it.
//   model     registered built-in models, batched through the engine (./model.ts)
//   endpoint  external OpenAI-compatible chat-completions models (./endpoint.ts)
//   deployment — the Runtime factory registers it at integration: registerSubjectProvider({ kind: 'deployment', … })
// The entry points register the providers (server/main/subjects.ts), as they do the Environment's policies.
import type { Db } from '@/db';
import type { CaseMessage } from '@/db/schema';
import type { CaseRun } from '@/server/environment/executor';
import { DomainError, fieldError } from '@/server/domain-error';

export type SubjectCase = { caseId: string; prompt: string; messages: CaseMessage[] | null };

export type BatchOptions = { tools: string[]; stepLimit: number; signal: AbortSignal };

export interface Subject {
  /** How runs and reports name it, e.g. `model:model_abc`. */
  readonly name: string;
  /**
   * `per-request`: each case's latency is its own (an endpoint's requests). `batched`: rows decoded together finish
   * together, so each gets its batch's wall time divided by the batch's rows: the compute the case cost.
   */
  readonly latencyMode: 'per-request' | 'batched';
  /** How many cases one runBatch call should carry to keep the subject busy (a model's batch, an endpoint's concurrency). */
  readonly batchSize: number;
  /** Every case's trajectory, in the order given. Throws a DomainError when no case can run (a refusing endpoint). */
  runBatch(cases: SubjectCase[], o: BatchOptions): Promise<CaseRun[]>;
}

export type SubjectOption = { ref: string; kind: string; label: string; description: string };
export type SubjectInfo = { label: string; modelId: string | null };

export type SubjectProvider = {
  kind: string;
  /** What the start form offers. */
  list: (db: Db, projectId: string) => Promise<SubjectOption[]>;
  /** The subject's label (and registered model, if it is one); null when `id` names nothing of this kind. */
  describe: (db: Db, projectId: string, id: string) => Promise<SubjectInfo | null>;
  open: (request: { db: Db; projectId: string; id: string }) => Promise<Subject>;
};

const providers = new Map<string, SubjectProvider>();

export function registerSubjectProvider(provider: SubjectProvider): void {
  providers.set(provider.kind, provider);
}

/** `model:model_x` → ['model', 'model_x']. */
export function splitSubjectRef(ref: string): [kind: string, id: string] {
  const at = ref.indexOf(':');
  return at < 0 ? [ref, ''] : [ref.slice(0, at), ref.slice(at + 1)];
}

function providerOf(kind: string): SubjectProvider {
  const p = providers.get(kind);
  if (!p)
    throw fieldError(
      'subject',
      `No subjects of kind "${kind}" can be evaluated here: use ${[...providers.keys()].map((k) => `${k}:<id>`).join(' or ') || 'a registered kind'}.`,
    );
  return p;
}

export async function describeSubject(db: Db, projectId: string, ref: string): Promise<SubjectInfo & { kind: string; id: string }> {
  const [kind, id] = splitSubjectRef(ref);
  const info = await providerOf(kind).describe(db, projectId, id);
  if (!info) throw fieldError('subject', `No ${kind} ${id || '(none given)'} in this project.`);
  return { ...info, kind, id };
}

export async function openSubject(db: Db, projectId: string, ref: string): Promise<Subject> {
  const [kind, id] = splitSubjectRef(ref);
  const p = providers.get(kind);
  if (!p) throw new DomainError('precondition_failed', `No provider for "${kind}:" subjects is registered in this process.`);
  return p.open({ db, projectId, id });
}

export async function listSubjects(db: Db, projectId: string): Promise<SubjectOption[]> {
  return (await Promise.all([...providers.values()].map((p) => p.list(db, projectId)))).flat();
}
