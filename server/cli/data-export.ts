// `npm run factory -- data export --project ID --dataset ds_<name>_v<n> [--split train|validation|all] --out FILE`:
// the same OpenAI chat JSONL the UI downloads, written to a file.
import 'server-only';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getDbHandle } from '@/server/db';
import { EXPORT_SPLITS, exportBytes, exportLines, unexportableReason, type ExportSplit } from '@/server/data/datasets/export';
import { getDataset } from '@/server/data/datasets/read';
import type { CliCommand } from './command';

export const dataExport: CliCommand = {
  summary: 'Write a dataset version as OpenAI chat fine-tuning JSONL',
  options: { project: { type: 'string' }, dataset: { type: 'string' }, split: { type: 'string' }, out: { type: 'string' } },
  run: async (flags) => {
    const { project, dataset, out } = flags;
    const split = (flags.split ?? 'train') as ExportSplit;
    if (typeof project !== 'string' || typeof dataset !== 'string' || typeof out !== 'string' || !EXPORT_SPLITS.includes(split)) {
      console.error(
        'Usage: npm run factory -- data export --project proj_demo --dataset ds_math_v1 [--split train|validation|all] --out FILE',
      );
      return 2;
    }
    const handle = await getDbHandle();
    try {
      const found = await getDataset(handle.db, project, dataset);
      const refused = found ? unexportableReason(dataset, found.dataset.status) : `No dataset ${dataset} in project ${project}.`;
      if (!found || refused) {
        console.error(refused);
        return 2;
      }
      await pipeline(Readable.from(exportBytes(exportLines(handle.db, project, dataset, split))), createWriteStream(out));
      const d = found.dataset;
      const n = split === 'all' ? d.exampleCount : split === 'train' ? d.trainCount : d.validationCount;
      console.log(`${dataset} (${split}): ${n} examples written to ${out}`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};
