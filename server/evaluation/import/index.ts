// Importing a taskset from the formats teams already have: the format named, or guessed from the file (YAML is
// promptfoo; JSONL whose rows carry `ideal` is OpenAI Evals, `target` is Inspect). Good rows are kept and bad ones
// reported with their line (or test index) and reason.
import { fieldError } from '@/server/domain-error';
import { IMPORT_FORMATS, type ImportFormat, type ImportResult } from './common';
import { parseInspect } from './inspect';
import { parseOpenAiEvals } from './openai-evals';
import { parsePromptfoo } from './promptfoo';

export { IMPORT_FORMATS, type ImportFormat, type ImportResult, type Rejection } from './common';

export function guessFormat(fileName: string | null, text: string): ImportFormat {
  if (fileName && /\.ya?ml$/i.test(fileName)) return 'promptfoo';
  const first =
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const jsonFile = !!fileName && /\.jsonl?$/i.test(fileName);
  if (!jsonFile && !first.startsWith('{') && !first.startsWith('[')) return 'promptfoo';
  for (const line of text.split(/\r?\n/).slice(0, 50)) {
    try {
      const row = JSON.parse(line) as Record<string, unknown>;
      if (row && typeof row === 'object') {
        if ('ideal' in row) return 'openai-evals';
        if ('target' in row) return 'inspect';
      }
    } catch {
      // a bad line says nothing about the format; the importer will report it
    }
  }
  throw fieldError('format', 'Cannot tell the format from the file: name it (openai-evals, promptfoo or inspect).');
}

export function asFormat(value: string): ImportFormat {
  if ((IMPORT_FORMATS as readonly string[]).includes(value)) return value as ImportFormat;
  throw fieldError('format', `Unknown format "${value}": use ${IMPORT_FORMATS.join(', ')}.`);
}

export function parseImport(format: ImportFormat, text: string): ImportResult {
  if (format === 'promptfoo') return parsePromptfoo(text);
  if (format === 'inspect') return parseInspect(text);
  return parseOpenAiEvals(text);
}
