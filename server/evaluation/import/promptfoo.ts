// promptfoo test files (YAML): a list of tests, or a config with `tests:` (and optionally `prompts:` and
// `defaultTest:`). Each test has `vars` and `assert`; the prompt is the config's first inline prompt with its
// {{vars}} filled, else the var named prompt/question/input/query/text, else the only var. Assertions of type equals,
// contains, icontains, regex and starts-with become checks (all must pass, as in promptfoo); others cannot run here:
// a test left with none is refused with its index and the types, one that keeps some is imported with a warning.
import { parse, YAMLParseError } from 'yaml';
import type { CaseCheck } from '@/db/schema';
import { DomainError } from '@/server/domain-error';
import { escapeRegex } from '../taskset-input';
import { emptyResult, keep, metadataTags, type ImportResult } from './common';

export const PROMPTFOO_SUPPORTED = ['equals', 'contains', 'icontains', 'regex', 'starts-with'] as const;
const PROMPT_VARS = ['prompt', 'question', 'input', 'query', 'text'];

type Test = { vars?: unknown; assert?: unknown; description?: unknown; metadata?: unknown; options?: unknown };
type Assertion = { type?: unknown; value?: unknown };

/** Fills promptfoo's Nunjucks-style {{ var }} placeholders (filters and logic are beyond a test file's needs here). */
export function fillVars(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : typeof v === 'string' ? v : JSON.stringify(v);
  });
}

function readDocument(text: string): unknown {
  try {
    return parse(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      throw new DomainError(
        'bad_request',
        `Not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${err.message.split('\n')[0]}`,
        {
          field: 'file',
        },
      );
    }
    throw err;
  }
}

/** The first inline prompt of a config; prompts that live in other files cannot be read from here. */
function inlinePrompt(prompts: unknown): string | null {
  const list = Array.isArray(prompts) ? prompts : prompts === undefined ? [] : [prompts];
  for (const p of list) {
    const raw = typeof p === 'string' ? p : p && typeof p === 'object' ? (p as { raw?: unknown }).raw : undefined;
    if (typeof raw === 'string' && !raw.startsWith('file://')) return raw;
  }
  return null;
}

function promptOf(vars: Record<string, unknown>, template: string | null): string | null {
  if (template) return fillVars(template, vars);
  for (const name of PROMPT_VARS) if (typeof vars[name] === 'string') return vars[name] as string;
  const values = Object.values(vars);
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : null;
}

function check(type: string, value: string): CaseCheck {
  switch (type) {
    case 'equals':
      return { matcher: 'exact', expected: value, tolerance: null };
    // promptfoo's contains is case-sensitive; the Environment's contains matcher ignores case, so a literal pattern keeps it exact.
    case 'contains':
      return { matcher: 'regex', expected: escapeRegex(value), tolerance: null, label: `contains "${value}"` };
    case 'icontains':
      return { matcher: 'contains', expected: value, tolerance: null };
    case 'starts-with':
      return { matcher: 'regex', expected: `^${escapeRegex(value)}`, tolerance: null, label: `starts with "${value}"` };
    default:
      return { matcher: 'regex', expected: value, tolerance: null };
  }
}

export function parsePromptfoo(text: string): ImportResult {
  const out = emptyResult();
  const doc = readDocument(text);
  let tests: unknown;
  let template: string | null = null;
  let defaults: Test = {};
  if (Array.isArray(doc)) tests = doc;
  else if (doc && typeof doc === 'object') {
    const config = doc as { tests?: unknown; prompts?: unknown; defaultTest?: unknown };
    tests = config.tests;
    template = inlinePrompt(config.prompts);
    if (config.defaultTest && typeof config.defaultTest === 'object') defaults = config.defaultTest as Test;
  }
  if (typeof tests === 'string' || (Array.isArray(tests) && tests.every((t) => typeof t === 'string') && tests.length))
    throw new DomainError('bad_request', `"tests" points at other files (${[tests].flat().join(', ')}): import those files themselves.`, {
      field: 'file',
    });
  if (!Array.isArray(tests))
    throw new DomainError('bad_request', 'No tests found: expected a list of tests, or a config with "tests:".', { field: 'file' });

  tests.forEach((raw, i) => {
    const index = i + 1;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      return out.rejected.push({ index, reason: 'a test must be a mapping with vars and assert' });
    const test = raw as Test;
    const vars = { ...((defaults.vars as Record<string, unknown>) ?? {}), ...((test.vars as Record<string, unknown>) ?? {}) };
    if (Object.values(vars).some(Array.isArray))
      return out.rejected.push({
        index,
        reason: 'a var holds a list, which promptfoo expands into several tests: list them as separate tests',
      });
    const prompt = promptOf(vars, template);
    if (prompt === null)
      return out.rejected.push({
        index,
        reason: `no prompt: name a var ${PROMPT_VARS.join('/')} or give the config an inline prompt (vars: ${Object.keys(vars).join(', ') || 'none'})`,
      });
    const asserts = [
      ...(Array.isArray(defaults.assert) ? defaults.assert : []),
      ...(Array.isArray(test.assert) ? test.assert : []),
    ] as Assertion[];
    if (!asserts.length) return out.rejected.push({ index, reason: 'no assertions: nothing to check the answer with' });
    const checks: CaseCheck[] = [];
    const values: string[] = [];
    const unsupported: string[] = [];
    for (const a of asserts) {
      const type = typeof a?.type === 'string' ? a.type : String(a?.type);
      const value = typeof a?.value === 'number' ? String(a.value) : a?.value;
      if (!(PROMPTFOO_SUPPORTED as readonly string[]).includes(type)) unsupported.push(type);
      else if (typeof value !== 'string' || !value) unsupported.push(`${type} (without a text value)`);
      else {
        values.push(fillVars(value, vars));
        checks.push(check(type, values[values.length - 1]!));
      }
    }
    if (!checks.length)
      return out.rejected.push({
        index,
        reason: `only unsupported assertion types (${[...new Set(unsupported)].join(', ')}): nothing to check the answer with here`,
      });
    if (unsupported.length)
      out.warnings.push({
        index,
        reason: `imported without its unsupported assertion${unsupported.length > 1 ? 's' : ''} ${[...new Set(unsupported)].join(', ')}`,
      });
    const meta = metadataTags(test.metadata);
    keep(out, { index }, { prompt, messages: null, expected: values[0]!, checks, tags: meta.tags, difficulty: meta.difficulty });
  });
  return out;
}
