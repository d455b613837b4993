// The Evaluation factory's demo: `taskset_math_v1`, the demo scenario's cases plus a harder held-out set (three-digit
// sums and differences, two-digit products, whole divisions) the demo dataset never shows, so the Evaluation page of
// the demo project has a taskset to run as soon as a model is trained. No run is seeded: that needs a model.
import 'server-only';
import type { Db } from '@/db';
import { generateArithmeticCases, generateRecipeSchema } from '@/server/environment/generate';
import { loadScenario } from '@/server/environment/scenarios';
import { DEMO_SCENARIO_ID } from '@/server/environment/seed';
import { cleanTags, fromScenarioCase } from './taskset-input';
import { createTaskset } from './tasksets';

export const DEMO_TASKSET_ID = 'taskset_math_v1';

export const HELD_OUT_RECIPE = generateRecipeSchema.parse({
  operations: [
    { op: '+', min: 100, max: 999 },
    { op: '-', min: 100, max: 999 },
    { op: '*', min: 13, max: 99 },
    { op: '/', min: 2, max: 12 },
  ],
  count: 50,
  seed: 20250501,
  template: 'What is {expr}?',
});

export async function seedEvaluationDemo(db: Db, projectId: string): Promise<void> {
  const { scenario, cases } = await loadScenario(db, projectId, DEMO_SCENARIO_ID);
  const fromScenario = cases.map((c) => {
    const t = fromScenarioCase(c);
    return { ...t, tags: cleanTags([...t.tags, 'scenario']) };
  });
  const heldOut = generateArithmeticCases(HELD_OUT_RECIPE, new Set(cases.map((c) => c.prompt))).cases.map((c) => {
    const t = fromScenarioCase(c);
    return { ...t, tags: cleanTags([...t.tags, 'held_out']), difficulty: 'hard' as const };
  });
  await createTaskset(
    db,
    {
      projectId,
      name: 'math',
      difficulty: 'medium',
      tags: ['math', 'demo'],
      description: `The ${cases.length} cases of ${scenario.id} plus ${heldOut.length} harder held-out questions the demo dataset never shows.`,
      tools: scenario.tools,
      scenarioId: scenario.id,
      source: { kind: 'seed' },
      createdBy: null,
    },
    [...fromScenario, ...heldOut],
  );
}
