// What one CLI command is: a summary for the usage text, its flags, and what it runs.
import type { ParseArgsConfig } from 'node:util';

export type CliCommand = {
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the process exit code. */
  run: (flags: Record<string, string | boolean | undefined>) => Promise<number>;
};
