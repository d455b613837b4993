// The CLI's command table: each factory adds its commands here, each implemented in its own module.
import type { ParseArgsConfig } from 'node:util';
import { dataClean } from './data-clean';
import { dataExport } from './data-export';
import { dataRedact } from './data-redact';
import { dataUpload } from './data-upload';

export type CliCommand = {
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the process exit code. */
  run: (flags: Record<string, string | boolean | undefined>) => Promise<number>;
};

export const commands: Record<string, CliCommand> = {
  'data upload': dataUpload,
  'data export': dataExport,
  'data redact': dataRedact,
  'data clean': dataClean,
};
