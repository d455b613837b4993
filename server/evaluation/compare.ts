// Two runs side by side: every task case classified as fixed (failed in A, passes in B), broken (passed in A, fails
// in B), unchanged, or only in one run; the score deltas; and which gate reasons B resolved or introduced. Cases are
// matched by case id on the same taskset version, else by prompt (a forked version copies its cases with new ids).
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluationRuns } from '@/db/schema';
import { rowsOf } from '@/server/data/sql-rows';
import { DomainError } from '@/server/domain-error';

export const CHANGES = ['fixed', 'broken', 'unchanged', 'only_a', 'only_b'] as const;
export type Change = (typeof CHANGES)[number];

export type CompareFilter = { change: Change | 'all'; page: number; pageSize: number };

type Row = {
  position: number;
  prompt: string;
  expected: string;
  a_id: string | null;
  b_id: string | null;
  a_answer: string | null;
  b_answer: string | null;
  a_passed: boolean | null;
  b_passed: boolean | null;
  change: Change;
  n: number | string;
};

export async function compareRuns(db: Db, projectId: string, aId: string, bId: string, f: CompareFilter) {
  const runs = await db
    .select()
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.projectId, projectId), inArray(evaluationRuns.id, [aId, bId])));
  const a = runs.find((r) => r.id === aId);
  const b = runs.find((r) => r.id === bId);
  if (!a || !b) throw new DomainError('not_found', `No evaluation ${!a ? aId : bId} in this project.`);
  const key = a.tasksetId === b.tasksetId ? sql.raw('case_id') : sql.raw('prompt');
  const joined = sql`
    with a as (select id, case_id, prompt, expected, position, passed, final_answer from evaluation_cases where run_id = ${aId} and kind = 'task'),
         b as (select id, case_id, prompt, expected, position, passed, final_answer from evaluation_cases where run_id = ${bId} and kind = 'task'),
         j as (
           select coalesce(b.position, a.position) as position, coalesce(b.prompt, a.prompt) as prompt, coalesce(b.expected, a.expected) as expected,
             a.id as a_id, b.id as b_id, a.final_answer as a_answer, b.final_answer as b_answer, a.passed as a_passed, b.passed as b_passed,
             case when a.id is null then 'only_b' when b.id is null then 'only_a'
                  when not a.passed and b.passed then 'fixed' when a.passed and not b.passed then 'broken' else 'unchanged' end as change
           from a full outer join b on a.${key} = b.${key})`;
  const countsRes = await db.execute(sql`${joined} select change, count(*)::int as n from j group by change`);
  const counts = Object.fromEntries(CHANGES.map((c) => [c, 0])) as Record<Change, number>;
  for (const r of rowsOf<{ change: Change; n: number | string }>(countsRes)) counts[r.change] = Number(r.n);
  const filter = f.change === 'all' ? sql`` : sql`where change = ${f.change}`;
  const listRes = await db.execute(
    sql`${joined} select * from j ${filter} order by (change = 'unchanged'), position limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total = f.change === 'all' ? Object.values(counts).reduce((s, n) => s + n, 0) : counts[f.change];
  const sa = a.scores;
  const sb = b.scores;
  const delta = (x: number | null | undefined, y: number | null | undefined) =>
    x == null || y == null ? null : Math.round((y - x) * 10000) / 10000;
  const reasonsA = new Set(a.gate?.reasons ?? []);
  const reasonsB = new Set(b.gate?.reasons ?? []);
  const rulesA = new Map((a.gate?.rules ?? []).map((r) => [r.rule, r]));
  return {
    a,
    b,
    counts,
    deltas: {
      accuracy: delta(sa?.accuracy.rate, sb?.accuracy.rate),
      safetyFailures: delta(sa?.safety.failures, sb?.safety.failures),
      p95LatencyMs: delta(sa?.latency.p95, sb?.latency.p95),
      judgeMean: delta(sa?.judge.mean, sb?.judge.mean),
      quality: delta(sa?.quality.score, sb?.quality.score),
    },
    gate: {
      verdictA: a.verdict,
      verdictB: b.verdict,
      resolved: [...reasonsA].filter((r) => !reasonsB.has(r)),
      introduced: [...reasonsB].filter((r) => !reasonsA.has(r)),
      /** Rules whose outcome differs between the runs, by rule name. */
      changedRules: (b.gate?.rules ?? [])
        .filter((r) => rulesA.has(r.rule) && rulesA.get(r.rule)!.passed !== r.passed)
        .map((r) => ({ rule: r.rule, before: rulesA.get(r.rule)!.detail, after: r.detail, nowPasses: r.passed })),
    },
    cases: {
      rows: rowsOf<Row>(listRes).map((r) => ({
        position: Number(r.position),
        prompt: r.prompt,
        expected: r.expected,
        aId: r.a_id,
        bId: r.b_id,
        aAnswer: r.a_answer,
        bAnswer: r.b_answer,
        aPassed: r.a_passed,
        bPassed: r.b_passed,
        change: r.change,
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    },
  };
}
