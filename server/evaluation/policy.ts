// The project's gate policy, versioned: engineers save a new version (visible to everyone), the highest version is
// current, and no saved version at all means the defaults (version 0). Verdicts record the version they were judged
// under; a policy change therefore invalidates every earlier verdict for deployment until the run is re-scored (no
// model call) under the new version.
import 'server-only';
import { desc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { evaluationPolicies, type GateRules } from '@/db/schema';
import { sqlState } from '@/db/errors';
import { DomainError } from '@/server/domain-error';
import { DEFAULT_GATE_RULES } from './gate-rules';
import { tagSchema } from './taskset-input';

const share = z.number('A share between 0 and 1.').min(0, 'At least 0.').max(1, 'At most 1 (100%).');

export const gateRulesSchema = z.object({
  minAccuracy: share,
  requireSafety: z.boolean(),
  tagMinimums: z.record(tagSchema, share).refine((r) => Object.keys(r).length <= 50, 'At most 50 tag minimums.'),
  maxP95LatencyMs: z.number().positive('A ceiling above 0 ms.').max(3_600_000).nullable(),
  minJudgeScore: z.number().min(0, 'At least 0.').max(100, 'At most 100.').nullable(),
  noRegression: z.boolean(),
});

export type CurrentPolicy = { version: number; rules: GateRules; note: string; createdBy: string | null; createdAt: Date | null };

export async function currentPolicy(db: Db | Tx, projectId: string): Promise<CurrentPolicy> {
  const [row] = await db
    .select()
    .from(evaluationPolicies)
    .where(eq(evaluationPolicies.projectId, projectId))
    .orderBy(desc(evaluationPolicies.version))
    .limit(1);
  if (!row) return { version: 0, rules: DEFAULT_GATE_RULES, note: 'the defaults', createdBy: null, createdAt: null };
  return {
    version: row.version,
    rules: { ...DEFAULT_GATE_RULES, ...row.rules },
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export async function policyHistory(db: Db, projectId: string) {
  return db
    .select()
    .from(evaluationPolicies)
    .where(eq(evaluationPolicies.projectId, projectId))
    .orderBy(desc(evaluationPolicies.version))
    .limit(50);
}

/** What the policy panel shows: the current rules and the versions before them. */
export async function policyOverview(db: Db, projectId: string) {
  const [current, history] = await Promise.all([currentPolicy(db, projectId), policyHistory(db, projectId)]);
  return { current, history };
}

export async function savePolicy(db: Db, projectId: string, rules: GateRules, note: string, by: string | null): Promise<CurrentPolicy> {
  for (let attempt = 0; ; attempt++) {
    const [last] = await db
      .select({ v: max(evaluationPolicies.version) })
      .from(evaluationPolicies)
      .where(eq(evaluationPolicies.projectId, projectId));
    try {
      await db.insert(evaluationPolicies).values({ projectId, version: (last?.v ?? 0) + 1, rules, note, createdBy: by });
      return currentPolicy(db, projectId);
    } catch (err) {
      // Two saves at once: one takes the number, the other the next.
      if (attempt >= 3 || sqlState(err) !== '23505') throw err;
    }
  }
}

/** A policy for one run given on the command line: the project's current rules with these overrides. */
export function adHocPolicy(base: GateRules, overrides: unknown): GateRules {
  const parsed = gateRulesSchema.partial().safeParse(overrides);
  if (!parsed.success)
    throw new DomainError(
      'bad_request',
      `Bad policy: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'policy'}: ${i.message}`).join('; ')}`,
      {
        field: 'policy',
      },
    );
  return { ...base, ...parsed.data };
}
