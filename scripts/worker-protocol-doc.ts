// `npm run docs:worker-protocol`: regenerates the job types section of docs/worker-protocol.md from the zod schemas.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jobDefinitions } from '@/server/main/jobs';
import { withJobTypes } from '@/server/worker-route/job-types-doc';

const file = path.join(process.cwd(), 'docs/worker-protocol.md');
const before = await readFile(file, 'utf8');
const after = withJobTypes(before, jobDefinitions);
if (after === before) console.log('docs/worker-protocol.md is up to date');
else {
  await writeFile(file, after);
  console.log('docs/worker-protocol.md: job types regenerated');
}
