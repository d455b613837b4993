// Dataset names and version ids: `ds_<name>_v<n>`, readable in logs, URLs and the training form alike.
import { z } from 'zod';

export const datasetNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Use 1–40 lowercase letters, digits, "-" or "_", starting with a letter (it becomes ds_<name>_v<n>).');

export const datasetId = (name: string, version: number) => `ds_${name}_v${version}`;
