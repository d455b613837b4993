// `npm run factory -- data redact --in FILE --out FILE`: redacts the `text` of each JSONL line, adding the entities found.
import 'server-only';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { redactJsonl } from '@/server/data/cleaning/jsonl';
import type { CliCommand } from './command';

/** The input file as a stream, or null after saying why (not there, not a file): clearer than a stream error mid-way. */
export async function openInput(file: string): Promise<ReadStream | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    console.error(`No such file: ${file}`);
    return null;
  }
  return createReadStream(file);
}

export const dataRedact: CliCommand = {
  summary: 'Redact PII in the "text" field of each JSONL line',
  options: { in: { type: 'string' }, out: { type: 'string' } },
  run: async (flags) => {
    if (typeof flags.in !== 'string' || typeof flags.out !== 'string') {
      console.error('Usage: npm run factory -- data redact --in FILE --out FILE');
      return 2;
    }
    const input = await openInput(flags.in);
    if (!input) return 2;
    const output = createWriteStream(flags.out);
    const s = await redactJsonl(input, output, (m) => console.error(`line ${m.line}: ${m.error}`));
    output.end();
    await finished(output);
    console.error(
      `${s.written} lines written to ${flags.out}, ${s.redacted} with PII (${s.entities} spans), ${s.malformed.length} malformed skipped.`,
    );
    return 0;
  },
};
