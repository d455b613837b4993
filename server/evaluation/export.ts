// A run's report as CSV or JSON, streamed from the database in keyset pages of its cases, so a 100k-case run exports
// in flat memory. CSV cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with '.
import 'server-only';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluationCases, type EvaluationCase, type EvaluationRun } from '@/db/schema';
import { exportBytes } from '@/server/data/datasets/export';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const PAGE = 1000;

async function* casesOf(db: Db, projectId: string, runId: string): AsyncGenerator<EvaluationCase> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(evaluationCases)
      .where(and(eq(evaluationCases.projectId, projectId), eq(evaluationCases.runId, runId), gt(evaluationCases.position, after)))
      .orderBy(asc(evaluationCases.position))
      .limit(PAGE);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.position;
  }
}

export const CSV_COLUMNS = [
  'position',
  'kind',
  'case_id',
  'prompt',
  'expected',
  'final_answer',
  'passed',
  'explanation',
  'latency_ms',
  'judge_score',
  'judge_reason',
  'safe',
  'safety_findings',
  'tags',
  'difficulty',
  'attack',
  'trajectory',
] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(c: EvaluationCase): string {
  const cells = [
    c.position,
    c.kind,
    c.caseId,
    c.prompt,
    c.expected,
    c.finalAnswer,
    c.passed,
    c.explanation,
    c.latencyMs,
    c.judgeScore,
    c.judgeReason,
    c.safety.passed,
    c.safety.findings.map((f) => f.detail).join('; '),
    c.tags.join(' '),
    c.difficulty,
    c.attack?.attack ?? null,
    c.steps,
  ];
  return `${cells.map(csvCell).join(',')}\n`;
}

const caseJson = (c: EvaluationCase) => {
  const { projectId: _p, runId: _r, ...rest } = c;
  return rest;
};

async function* lines(db: Db, run: EvaluationRun, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') {
    yield `${CSV_COLUMNS.join(',')}\n`;
    for await (const c of casesOf(db, run.projectId, run.id)) yield csvRow(c);
    return;
  }
  const { scores, gate, judge, policy, ...meta } = run;
  yield `{"run":${JSON.stringify({ ...meta, verdict: run.verdict, gate, scores, judge, policy })},"cases":[`;
  let first = true;
  for await (const c of casesOf(db, run.projectId, run.id)) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(caseJson(c))}`;
    first = false;
  }
  yield '\n]}\n';
}

export function exportRun(db: Db, run: EvaluationRun, format: ExportFormat): AsyncGenerator<Uint8Array> {
  return exportBytes(lines(db, run, format));
}

export const exportFileName = (runId: string, format: ExportFormat) => `${runId}.${format}`;
