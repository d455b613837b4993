// Which policies can run: providers by kind (`baseline` built in). The Training factory adds its model policy here,
// `registerPolicyProvider({ kind: 'model', list, create })`, from the module that loads trained models; a
// deployment provider follows the same way.
import type { Db } from '@/db';
import { baselineProvider } from './baseline';
import type { Policy, PolicyOption, PolicyProvider, PolicyScenario } from './policy';
import { DomainError } from '@/server/domain-error';

const providers = new Map<string, PolicyProvider>([[baselineProvider.kind, baselineProvider]]);

export function registerPolicyProvider(provider: PolicyProvider): void {
  providers.set(provider.kind, provider);
}

/** `baseline` → ['baseline', ''], `model:model_x` → ['model', 'model_x']. */
export function splitPolicyRef(ref: string): [kind: string, id: string] {
  const at = ref.indexOf(':');
  return at < 0 ? [ref, ''] : [ref.slice(0, at), ref.slice(at + 1)];
}

export async function createPolicy(db: Db, projectId: string, ref: string, scenario: PolicyScenario, seed: number): Promise<Policy> {
  const [kind, id] = splitPolicyRef(ref);
  const provider = providers.get(kind);
  if (!provider) {
    throw new DomainError(
      'not_found',
      kind === 'model' || kind === 'deployment'
        ? `No ${kind} policies can run yet: no provider for "${kind}:" is registered (see server/environment/policies.ts).`
        : `Unknown policy "${ref}": use baseline, model:<id> or deployment:<id>.`,
    );
  }
  return provider.create({ db, projectId, ref, id, scenario, seed });
}

export async function listPolicies(db: Db, projectId: string): Promise<PolicyOption[]> {
  const lists = await Promise.all([...providers.values()].map((p) => p.list(db, projectId)));
  return lists.flat();
}

/** Whether a run may be started with this reference: a provider of its kind exists and knows the id. */
export async function policyExists(db: Db, projectId: string, ref: string): Promise<boolean> {
  const [kind, id] = splitPolicyRef(ref);
  const provider = providers.get(kind);
  if (!provider) return false;
  if (provider.has) return provider.has(db, projectId, id);
  return (await provider.list(db, projectId)).some((p) => p.ref === ref);
}
