// The CLI's command table: each factory adds its commands here, each implemented in its own module.
import type { CliCommand } from './command';
import { dataClean } from './data-clean';
import { dataExport } from './data-export';
import { dataRedact } from './data-redact';
import { dataUpload } from './data-upload';
import { evalImportCommand } from './eval-import';
import { evalRunCommand } from './eval-run';
import { runtimeChatCommand, runtimeDeployCommand } from './runtime';
import { zeroToAgentCommand } from './zero-to-agent';

export const commands: Record<string, CliCommand> = {
  'data upload': dataUpload,
  'data export': dataExport,
  'data redact': dataRedact,
  'data clean': dataClean,
  'eval import': evalImportCommand,
  'eval run': evalRunCommand,
  'runtime deploy': runtimeDeployCommand,
  'runtime chat': runtimeChatCommand,
  'zero-to-agent': zeroToAgentCommand,
  flow: zeroToAgentCommand,
};
