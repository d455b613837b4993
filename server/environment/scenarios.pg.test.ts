// Races on real Postgres (separate connections): an edit racing a run start never changes the version the run uses,
// and simultaneous edits of a used version each get their own new version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { postgresAdminUrl, postgresReachable, scratchPostgres, type ScratchPostgres } from '@/server/testing/db';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { scenarioCases, scenarios } from '@/db/schema';
import { addCase, pasteCases } from './cases';
import { startRun } from './runs';
import { createScenario } from './scenarios';

const reachable = await postgresReachable();
if (!reachable) {
  const where = new URL(postgresAdminUrl());
  where.password = '';
  console.warn(`Skipping scenario race tests: no Postgres reachable at ${where} (set TEST_POSTGRES_URL to point at one).`);
}

describe.skipIf(!reachable)('scenario versions under concurrency (Postgres)', () => {
  let pg: ScratchPostgres;
  beforeAll(async () => {
    pg = await scratchPostgres({ seed: true });
  });
  afterAll(() => pg?.drop());

  const casesOf = async (id: string) =>
    (
      await pg.db
        .select({ n: count() })
        .from(scenarioCases)
        .where(and(eq(scenarioCases.projectId, P), eq(scenarioCases.scenarioId, id)))
    )[0]!.n;

  it('an edit racing a run start lands either before the run (counted) or in a new version', async () => {
    for (let round = 0; round < 5; round++) {
      const s = await createScenario(pg.db, { projectId: P, name: `race_${round}`, type: 'math_calculator', createdBy: null });
      await pasteCases(pg.db, { projectId: P, scenarioId: s.id, by: null }, '1+1? => 2\n2+2? => 4');
      const [run, edit] = await Promise.all([
        startRun(pg.db, { projectId: P, scenarioId: s.id, policy: 'baseline', stepLimit: 4, seed: 1, createdBy: null }),
        addCase(
          pg.db,
          { projectId: P, scenarioId: s.id, by: null },
          { prompt: '3+3?', expected: '6', matcher: 'numeric', tolerance: 0, tags: {} },
        ),
      ]);
      expect(run.caseCount).toBe(await casesOf(s.id));
      if (edit.forkedFrom) expect(await casesOf(edit.scenario.id)).toBe(3);
      else expect(run.caseCount).toBe(3);
    }
  });

  it('simultaneous edits of a used version each make their own version', async () => {
    const s = await createScenario(pg.db, { projectId: P, name: 'busy', type: 'math_calculator', createdBy: null });
    await pasteCases(pg.db, { projectId: P, scenarioId: s.id, by: null }, '1+1? => 2');
    await startRun(pg.db, { projectId: P, scenarioId: s.id, policy: 'baseline', stepLimit: 4, seed: 1, createdBy: null });
    const edits = await Promise.all(
      [5, 6, 7].map((n) =>
        addCase(
          pg.db,
          { projectId: P, scenarioId: s.id, by: null },
          { prompt: `${n}+${n}?`, expected: String(2 * n), matcher: 'numeric', tolerance: 0, tags: {} },
        ),
      ),
    );
    expect(edits.map((e) => e.scenario.id).sort()).toEqual(['scn_busy_v2', 'scn_busy_v3', 'scn_busy_v4']);
    expect(await casesOf(s.id)).toBe(1);
    const versions = await pg.db
      .select()
      .from(scenarios)
      .where(and(eq(scenarios.projectId, P), eq(scenarios.name, 'busy')));
    expect(versions).toHaveLength(4);
  });
});
