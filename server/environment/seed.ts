// The Environment factory's demo: `scn_math_v1`, 100 arithmetic questions of the seed's form ("What is 42+28?";
// + − × over 0..999 with differences that may go below zero, ÷ with divisors 1..99) for the calculator agent,
// validated so Training and Evaluation can use it at once. Operands reach three digits because users' do: a model
// that only ever answered 0..99 scored perfectly here and failed on "What is 877-143?".
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
    { op: '+', min: 0, max: 999 },
    { op: '-', min: 0, max: 999 },
    { op: '*', min: 0, max: 999 },
    { op: '/', min: 1, max: 99 },
  ],
  count: 100,
  seed: 20250301,
  template: 'What is {expr}?',
  allowNegative: true,
});

export async function seedEnvironmentDemo(db: Db, projectId: string): Promise<void> {
  const scenario = await createScenario(db, {
    projectId,
    name: 'math',
    type: 'math_calculator',
    description: 'Arithmetic questions (+ − × over 0..999, ÷ by 1..99) answered with the calculator tool.',
    createdBy: null,
  });
  const { cases } = generateArithmeticCases(DEMO_MATH_RECIPE);
  await db
    .insert(scenarioCases)
    .values(cases.map((c, i) => ({ id: newId('case'), projectId, scenarioId: scenario.id, position: i + 1, ...c })));
  await runValidation(db, projectId, scenario.id, { runs: 3, seed: 1 });
}
