// The CLI's command table: each factory adds its commands here, each implemented in its own module.
import type { CliCommand } from './command';
import { dataClean } from './data-clean';
import { dataExport } from './data-export';
import { dataRedact } from './data-redact';
import { dataUpload } from './data-upload';

export const commands: Record<string, CliCommand> = {
  'data upload': dataUpload,
  'data export': dataExport,
  'data redact': dataRedact,
  'data clean': dataClean,
};
