// New tasksets from where cases already are: a scenario version's cases (with its tools, and its reference solver for
// sending failures back to training), a pasted list, the arithmetic generator, or an imported file (OpenAI Evals JSONL,
// promptfoo YAML, Inspect JSONL) whose bad rows are reported while the good ones land.
import 'server-only';
import type { z } from 'zod';
import type { Db } from '@/db';
import type { TasksetDifficulty } from '@/db/schema';
import { generateArithmeticCases, type generateRecipeSchema } from '@/server/environment/generate';
import { parsePastedCases, type LineError } from '@/server/environment/paste';
import { loadScenario } from '@/server/environment/scenarios';
import { DomainError, fieldError } from '@/server/domain-error';
import { asFormat, guessFormat, parseImport, type ImportFormat, type Rejection } from './import';
import { fromScenarioCase, MAX_TASKSET_CASES, type NewTasksetCase } from './taskset-input';
import { createTaskset } from './tasksets';

type Common = {
  projectId: string;
  name: string;
  difficulty?: TasksetDifficulty;
  tags?: string[];
  description?: string;
  createdBy: string | null;
};

export async function tasksetFromScenario(db: Db, o: Common & { scenarioId: string }) {
  const { scenario, cases } = await loadScenario(db, o.projectId, o.scenarioId);
  if (!cases.length) throw fieldError('scenarioId', `Scenario ${scenario.id} has no cases to copy.`);
  return createTaskset(
    db,
    {
      ...o,
      description: o.description || `The cases of ${scenario.id}${scenario.description ? `: ${scenario.description}` : ''}`,
      tools: scenario.tools,
      scenarioId: scenario.id,
      source: { kind: 'scenario', scenarioId: scenario.id },
    },
    cases.map(fromScenarioCase),
  );
}

export async function tasksetFromPaste(db: Db, o: Common & { tools?: string[]; text: string }) {
  const parsed = parsePastedCases(o.text);
  if (!parsed.cases.length)
    throw fieldError(
      'text',
      parsed.errors.length
        ? `No line could be read; line ${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}.`
        : 'Paste one case per line.',
    );
  const taskset = await createTaskset(
    db,
    { ...o, source: { kind: 'paste' } },
    parsed.cases.map((c) => fromScenarioCase(c.value)),
  );
  return { taskset, added: parsed.cases.length, errors: parsed.errors as LineError[] };
}

export async function tasksetFromGenerator(db: Db, o: Common & { tools?: string[]; recipe: z.output<typeof generateRecipeSchema> }) {
  const { cases, shortBy } = generateArithmeticCases(o.recipe);
  const taskset = await createTaskset(
    db,
    { ...o, tools: o.tools ?? ['calculator'], source: { kind: 'generate' } },
    cases.map(fromScenarioCase),
  );
  return { taskset, added: cases.length, shortBy };
}

export type ImportOutcome = {
  tasksetId: string;
  format: ImportFormat;
  imported: number;
  rejected: Rejection[];
  warnings: Rejection[];
};

/** Parses the file and stores its good rows as a new taskset; refuses (and stores nothing) when no row is good. */
export async function importTaskset(
  db: Db,
  o: Common & { tools?: string[]; text: string; fileName: string | null; format?: string | null },
): Promise<ImportOutcome> {
  const format = o.format ? asFormat(o.format) : guessFormat(o.fileName, o.text);
  const parsed = parseImport(format, o.text);
  if (!parsed.cases.length) {
    const first = parsed.rejected[0];
    const where = first ? ('line' in first ? `line ${first.line}` : `test #${first.index}`) : '';
    throw new DomainError('bad_request', first ? `No case could be imported; ${where}: ${first.reason}.` : 'The file holds no cases.', {
      field: 'file',
    });
  }
  const cases: NewTasksetCase[] = parsed.cases.slice(0, MAX_TASKSET_CASES).map((c) => c.value);
  const taskset = await createTaskset(db, { ...o, source: { kind: 'import', format, fileName: o.fileName } }, cases);
  return { tasksetId: taskset.id, format, imported: cases.length, rejected: parsed.rejected, warnings: parsed.warnings };
}
