// `npm run factory -- data clean --in FILE --out FILE --report FILE [--near-threshold 0.8]`: the cleaning job's
// pipeline over an events JSONL file; kept events (redacted) to --out, a JSON report to --report.
import 'server-only';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { cleanConfigSchema } from '@/server/data/cleaning/config';
import { cleanJsonl } from '@/server/data/cleaning/jsonl';
import type { CliCommand } from './command';
import { openInput } from './data-redact';

export const dataClean: CliCommand = {
  summary: 'Clean an events JSONL file: junk, PII, duplicates; writes kept events and a report',
  options: { in: { type: 'string' }, out: { type: 'string' }, report: { type: 'string' }, 'near-threshold': { type: 'string' } },
  run: async (flags) => {
    if (typeof flags.in !== 'string' || typeof flags.out !== 'string' || typeof flags.report !== 'string') {
      console.error('Usage: npm run factory -- data clean --in FILE --out FILE --report FILE [--near-threshold 0.8]');
      return 2;
    }
    const threshold = typeof flags['near-threshold'] === 'string' ? Number(flags['near-threshold']) : undefined;
    const config = cleanConfigSchema.partial().safeParse({ nearDuplicateThreshold: threshold });
    if (!config.success) {
      console.error(`--near-threshold: ${config.error.issues[0]?.message ?? 'invalid'} (a number from 0.5 to 1)`);
      return 2;
    }
    const input = await openInput(flags.in);
    if (!input) return 2;
    const output = createWriteStream(flags.out);
    const report = await cleanJsonl(input, output, config.data);
    output.end();
    await finished(output);
    await writeFile(flags.report, JSON.stringify(report, null, 2) + '\n');
    const reasons = Object.entries(report.counts)
      .filter(([k]) => k !== 'kept')
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.error(
      `${report.events} events: ${report.kept} kept → ${flags.out}; ${report.filtered} filtered${reasons ? ` (${reasons})` : ''}; ${report.malformed.length} malformed lines. Report: ${flags.report}`,
    );
    return 0;
  },
};
