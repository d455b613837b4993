// `npm run factory -- eval import --project P --file F [--format openai-evals|promptfoo|inspect] [--name N] [--json]`:
// the Evaluation page's import, from a shell. Prints the taskset id, how many cases landed and every rejected row with
// its line (or test index); with --json the last line is one JSON object {taskset_id, imported, rejected, warnings}.
import 'server-only';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@/db';
import { getDbHandle } from '@/server/db';
import { isDomainError } from '@/server/domain-error';
import { importTaskset } from '@/server/evaluation/taskset-build';
import { nameFrom } from '@/server/evaluation/taskset-input';
import { projectExists, type Out } from './eval-shared';
import type { CliCommand } from './command';

const USAGE =
  'Usage: npm run factory -- eval import --project P --file F [--format openai-evals|promptfoo|inspect] [--name N] [--tools calculator] [--json]';
const MAX_FILE_BYTES = 200 * 1024 * 1024;

export async function evalImport(db: Db, flags: Record<string, string | boolean | undefined>, out: Out): Promise<number> {
  const { project, file } = flags;
  if (typeof project !== 'string' || typeof file !== 'string') {
    out.error(USAGE);
    return 2;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    out.error(`No such file: ${file}`);
    return 2;
  }
  if (info.size > MAX_FILE_BYTES) {
    out.error(`${file} is ${info.size} bytes; at most ${MAX_FILE_BYTES} at once.`);
    return 2;
  }
  if (!(await projectExists(db, project))) {
    out.error(`No project "${project}" in this database.`);
    return 2;
  }
  try {
    const r = await importTaskset(db, {
      projectId: project,
      name: typeof flags.name === 'string' ? flags.name : nameFrom(path.basename(file)),
      tools:
        typeof flags.tools === 'string'
          ? flags.tools
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
      text: await readFile(file, 'utf8'),
      fileName: path.basename(file),
      format: typeof flags.format === 'string' ? flags.format : null,
      createdBy: null,
    });
    out.log(`${r.tasksetId}: ${r.imported} cases imported (${r.format}), ${r.rejected.length} rejected`);
    for (const x of r.rejected) out.log(`  ${'line' in x ? `line ${x.line}` : `test #${x.index}`}: ${x.reason}`);
    for (const x of r.warnings) out.log(`  warning, ${'line' in x ? `line ${x.line}` : `test #${x.index}`}: ${x.reason}`);
    if (flags.json) out.log(JSON.stringify({ taskset_id: r.tasksetId, imported: r.imported, rejected: r.rejected, warnings: r.warnings }));
    return 0;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    out.error(err.message);
    if (flags.json) out.log(JSON.stringify({ taskset_id: null, imported: 0, rejected: [], error: err.message }));
    return 2;
  }
}

export const evalImportCommand: CliCommand = {
  summary: 'Import a taskset from OpenAI Evals JSONL, promptfoo YAML or Inspect JSONL',
  options: {
    project: { type: 'string' },
    file: { type: 'string' },
    format: { type: 'string' },
    name: { type: 'string' },
    tools: { type: 'string' },
    json: { type: 'boolean' },
  },
  run: async (flags) => {
    const handle = await getDbHandle();
    try {
      return await evalImport(handle.db, flags, { log: (l) => console.log(l), error: (l) => console.error(l) });
    } finally {
      await handle.close();
    }
  },
};
