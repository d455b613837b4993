// check_environment: is a scenario version fit to train and evaluate on? Five checks, each finding naming its case:
//   well_formed — every case has a prompt, an expected answer and matcher settings that can work
//   unique      — no prompt twice (exact repeats are errors, repeats differing only in case/spacing are warnings)
//   reference   — where the type has a reference solver (math: the calculator), expected answers agree with it
//   tools       — every tool the scenario names exists in the registry, and the type's required tools are there
//   stability   — the baseline, run N times with consecutive seeds, gives the same result on every case
// Pure over a loaded scenario (no database), so it runs the same in the job, in the seed and in tests.
import type { ScenarioType, ValidationCheck, ValidationFinding, ValidationReport } from '@/db/schema';
import { MAX_EXPECTED, MAX_PROMPT } from './case-input';
import { judgeCase, runCase, type ToolRunner } from './executor';
import { asSentence, matchAnswer, matcherProblem, type MatchSpec } from './matchers';
import type { Policy } from './policy';
import { referenceAnswer } from './reference';
import { SCENARIO_TYPES } from './scenario-types';

export type ValidatedCase = MatchSpec & { id: string; position: number; prompt: string };

export type ValidatorInput = {
  scenario: { id: string; type: ScenarioType; tools: string[]; revision: number };
  cases: ValidatedCase[];
  registry: ToolRunner & { has: (name: string) => boolean };
  runs: number;
  seed: number;
  stepLimit: number;
  /** The baseline (or, in tests, any policy) for one run's seed. */
  policyFor: (seed: number) => Promise<Policy>;
  onProgress?: (fraction: number, message: string) => Promise<void>;
};

export const DEFAULT_VALIDATION_RUNS = 3;

export async function validateScenario(input: ValidatorInput): Promise<ValidationReport> {
  const findings: ValidationFinding[] = [];
  const add = (check: ValidationCheck, severity: ValidationFinding['severity'], message: string, c?: ValidatedCase) =>
    findings.push({ check, severity, message, ...(c ? { caseId: c.id, position: c.position } : {}) });

  checkWellFormed(input.cases, add);
  checkUnique(input.cases, add);
  checkTools(input.scenario, input.registry, add);
  const typeInfo = SCENARIO_TYPES[input.scenario.type];
  if (typeInfo.hasReferenceSolver) checkReference(input.cases, add);
  const stability = await checkStability(input, add);

  const checks: ValidationReport['checks'] = (['well_formed', 'unique', 'reference', 'tools', 'stability'] as const).map((check) => {
    const mine = findings.filter((f) => f.check === check);
    if (check === 'reference' && !typeInfo.hasReferenceSolver)
      return { check, outcome: 'skipped', summary: `${typeInfo.label} has no reference solver.` };
    const errors = mine.filter((f) => f.severity === 'error').length;
    const outcome = errors ? 'failed' : mine.length ? 'warnings' : 'passed';
    return { check, outcome, summary: summarise(check, input, mine.length, errors, stability) };
  });
  return {
    scenarioId: input.scenario.id,
    revision: input.scenario.revision,
    checkedAt: new Date().toISOString(),
    caseCount: input.cases.length,
    checks,
    findings: findings.sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
    stability,
  };
}

type Add = (check: ValidationCheck, severity: ValidationFinding['severity'], message: string, c?: ValidatedCase) => void;

function checkWellFormed(cases: ValidatedCase[], add: Add) {
  if (cases.length === 0) add('well_formed', 'error', 'The scenario has no test cases.');
  for (const c of cases) {
    if (!c.prompt.trim()) add('well_formed', 'error', 'The prompt is empty.', c);
    else if (c.prompt.length > MAX_PROMPT) add('well_formed', 'error', `The prompt is longer than ${MAX_PROMPT} characters.`, c);
    if (!c.expected.trim()) add('well_formed', 'error', 'The expected answer is empty.', c);
    else if (c.expected.length > MAX_EXPECTED)
      add('well_formed', 'error', `The expected answer is longer than ${MAX_EXPECTED} characters.`, c);
    const problem = c.expected.trim() ? matcherProblem(c) : null;
    if (problem) add('well_formed', 'error', asSentence(problem), c);
  }
}

function checkUnique(cases: ValidatedCase[], add: Add) {
  const exact = new Map<string, ValidatedCase>();
  const loose = new Map<string, ValidatedCase>();
  for (const c of cases) {
    const key = c.prompt.trim();
    const first = exact.get(key);
    if (first) {
      const contradicts = first.expected.trim() !== c.expected.trim();
      add(
        'unique',
        'error',
        `Duplicate of case #${first.position}: the same prompt ${JSON.stringify(key)}${contradicts ? ` with a different expected answer (${first.expected} vs ${c.expected})` : ''}.`,
        c,
      );
      continue;
    }
    exact.set(key, c);
    const looseKey = key
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[\s?.!]+$/, '');
    const near = loose.get(looseKey);
    if (near)
      add(
        'unique',
        'warning',
        `Near-duplicate of case #${near.position}: the prompts differ only in case, spacing or final punctuation.`,
        c,
      );
    else loose.set(looseKey, c);
  }
}

function checkTools(scenario: ValidatorInput['scenario'], registry: ValidatorInput['registry'], add: Add) {
  for (const name of scenario.tools) {
    if (!registry.has(name)) add('tools', 'error', `Unknown tool "${name}": no tool of that name is registered.`);
  }
  for (const name of SCENARIO_TYPES[scenario.type].requiredTools) {
    if (!scenario.tools.includes(name))
      add('tools', 'error', `A ${scenario.type} scenario needs the ${name} tool, and this one does not list it.`);
  }
}

function checkReference(cases: ValidatedCase[], add: Add) {
  for (const c of cases) {
    if (!c.prompt.trim() || !c.expected.trim()) continue; // already reported as malformed
    const ref = referenceAnswer(c.prompt);
    if (!ref) add('reference', 'warning', 'No arithmetic found in the prompt, so the expected answer could not be checked.', c);
    else if ('error' in ref) add('reference', 'error', `The calculator cannot solve ${JSON.stringify(ref.expression)}: ${ref.error}.`, c);
    else if (!matchAnswer(c, ref.value).passed)
      add('reference', 'error', `Expected answer ${c.expected} disagrees with the calculator: ${ref.expression} = ${ref.value}.`, c);
  }
}

async function checkStability(input: ValidatorInput, add: Add): Promise<ValidationReport['stability']> {
  const runs = Math.max(1, input.runs);
  const seeds = Array.from({ length: runs }, (_, i) => input.seed + i);
  const outcomes = input.cases.map(() => [] as boolean[]);
  const answers = input.cases.map(() => [] as (string | null)[]);
  const total = runs * input.cases.length;
  for (const [r, seed] of seeds.entries()) {
    const policy = await input.policyFor(seed);
    for (const [i, c] of input.cases.entries()) {
      const run = await runCase({
        policy,
        prompt: c.prompt,
        tools: input.scenario.tools,
        runner: input.registry,
        stepLimit: input.stepLimit,
      });
      outcomes[i]!.push(judgeCase(c, run, input.stepLimit).passed);
      answers[i]!.push(run.finalAnswer);
      const done = r * input.cases.length + i + 1;
      if (input.onProgress && (done % 10 === 0 || done === total))
        await input.onProgress(done / total, `Baseline run ${r + 1} of ${runs}: case ${i + 1} of ${input.cases.length}`);
    }
  }
  const passRates = seeds.map((_, r) => (input.cases.length ? outcomes.filter((o) => o[r]).length / input.cases.length : 0));
  const flakyCases: ValidationReport['stability']['flakyCases'] = [];
  for (const [i, c] of input.cases.entries()) {
    const o = outcomes[i]!;
    const a = answers[i]!;
    if (new Set(o).size > 1 || new Set(a).size > 1) {
      flakyCases.push({ caseId: c.id, position: c.position, outcomes: o, answers: a });
      const passedIn = o.filter(Boolean).length;
      add(
        'stability',
        'error',
        `Flaky: passed in ${passedIn} of ${runs} baseline runs (answers: ${a.map((x) => (x === null ? '—' : JSON.stringify(x))).join(', ')}).`,
        c,
      );
    }
  }
  const spread = passRates.length ? Math.max(...passRates) - Math.min(...passRates) : 0;
  return { runs, seeds, passRates, spread, flakyCases };
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function summarise(check: ValidationCheck, input: ValidatorInput, found: number, errors: number, s: ValidationReport['stability']): string {
  const n = input.cases.length;
  switch (check) {
    case 'well_formed':
      return found ? `${found} problem${found === 1 ? '' : 's'} in ${n} cases.` : `All ${n} cases are well-formed.`;
    case 'unique':
      return found
        ? `${errors} duplicate${errors === 1 ? '' : 's'}, ${found - errors} near-duplicate${found - errors === 1 ? '' : 's'}.`
        : 'No prompt appears twice.';
    case 'reference':
      return found
        ? `${errors} expected answer${errors === 1 ? '' : 's'} disagree with the calculator; ${found - errors} could not be checked.`
        : `All ${n} expected answers agree with the calculator.`;
    case 'tools':
      return found
        ? `${found} problem${found === 1 ? '' : 's'} with the tools.`
        : input.scenario.tools.length
          ? `Registered: ${input.scenario.tools.join(', ')}.`
          : 'No tools needed.';
    case 'stability': {
      const rates = s.passRates.map(pct).join(', ');
      return s.flakyCases.length
        ? `${s.runs} baseline runs (seeds ${s.seeds.join(', ')}) passed ${rates}: spread ${pct(s.spread)}, ${s.flakyCases.length} flaky case${s.flakyCases.length === 1 ? '' : 's'}.`
        : `${s.runs} baseline runs (seeds ${s.seeds.join(', ')}) gave the same results: pass rate ${pct(s.passRates[0] ?? 0)}, spread 0.`;
    }
  }
}
