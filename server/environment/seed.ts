// The Environment factory's demo: `scn_math_v1`, 50 arithmetic questions of the seed's form ("What is 42+28?";
// + and − over 0..99, × over 0..12) for the calculator agent, validated so Training and Evaluation can use it at once.
import 'server-only';
import type { Db } from '@/db';
import { scenarioCases } from '@/db/schema';
import { newId } from '@/db/ids';
import { generateArithmeticCases, generateRecipeSchema } from './generate';
import { createScenario } from './scenarios';
import { runValidation } from './validation';

export const DEMO_SCENARIO_ID = 'scn_math_v1';

export const DEMO_MATH_RECIPE = generateRecipeSchema.parse({
  operations: [
    { op: '+', min: 0, max: 99 },
    { op: '-', min: 0, max: 99 },
    { op: '*', min: 0, max: 12 },
  ],
  count: 50,
  seed: 20250301,
  template: 'What is {expr}?',
});

export async function seedEnvironmentDemo(db: Db, projectId: string): Promise<void> {
  const scenario = await createScenario(db, {
    projectId,
    name: 'math',
    type: 'math_calculator',
    description: 'Arithmetic questions (+ and − over 0..99, × over 0..12) answered with the calculator tool.',
    createdBy: null,
  });
  const { cases } = generateArithmeticCases(DEMO_MATH_RECIPE);
  await db
    .insert(scenarioCases)
    .values(cases.map((c, i) => ({ id: newId('case'), projectId, scenarioId: scenario.id, position: i + 1, ...c })));
  await runValidation(db, projectId, scenario.id, { runs: 3, seed: 1 });
}
