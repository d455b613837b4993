// Environment factory figures: the calculator called directly vs through the tool sandbox, the baseline executor over
// the demo scenario's cases, and check_environment (3 baseline runs). Run: npx tsx --conditions=react-server bench/environment.ts
import { builtinTools } from '@/server/tools/builtin';
import { calculate } from '@/server/tools/calculator';
import { baselinePolicy } from '@/server/environment/baseline';
import { judgeCase, runCase } from '@/server/environment/executor';
import { generateArithmeticCases } from '@/server/environment/generate';
import { DEMO_MATH_RECIPE } from '@/server/environment/seed';
import { validateScenario } from '@/server/environment/validator';

function time<T>(label: string, n: number, f: () => T): T {
  let out!: T;
  const t = performance.now();
  for (let i = 0; i < n; i++) out = f();
  const ms = (performance.now() - t) / n;
  console.log(`${label.padEnd(48)} ${ms.toFixed(3).padStart(9)} ms/op  (${n} ops)`);
  return out;
}

async function main() {
  const exprs = ['42+28', '(3-5)*12', '0.1+0.2', '7÷2', '1/0', '2+'];
  time('calculate() direct, 6 expressions', 2000, () =>
    exprs.map((e) => {
      try {
        return calculate(e);
      } catch {
        return null;
      }
    }),
  );
  time('calculator via sandbox (fresh vm context), 1 call', 300, () => builtinTools.run('calculator', '42+28'));

  const cases = generateArithmeticCases(DEMO_MATH_RECIPE).cases.map((c, i) => ({ ...c, id: `case_${i + 1}`, position: i + 1 }));
  const scenario = { id: 'scn_math_v1', type: 'math_calculator' as const, tools: ['calculator'], revision: 1 };
  const policy = baselinePolicy(scenario);
  let t = performance.now();
  let passed = 0;
  for (const c of cases) {
    const run = await runCase({ policy, prompt: c.prompt, tools: scenario.tools, runner: builtinTools, stepLimit: 5 });
    if (judgeCase(c, run, 5).passed) passed++;
  }
  const runMs = performance.now() - t;
  console.log(
    `baseline run over ${cases.length} demo cases (no database)       ${runMs.toFixed(1)} ms, ${(cases.length / (runMs / 1000)).toFixed(0)} cases/s, pass rate ${((passed / cases.length) * 100).toFixed(0)}%`,
  );

  t = performance.now();
  const report = await validateScenario({
    scenario,
    cases,
    registry: builtinTools,
    runs: 3,
    seed: 1,
    stepLimit: 5,
    policyFor: async () => policy,
  });
  console.log(
    `check_environment, 3 baseline runs (no database)       ${(performance.now() - t).toFixed(1)} ms, ${report.findings.length} findings, spread ${report.stability.spread}`,
  );
}

void main();
