// Importing tasksets from the files teams already have, in the shapes those tools really write (OpenAI Evals samples
// with system prompts and lists of ideals, promptfoo configs with prompts/defaultTest and test-file lists, Inspect
// samples with choices and metadata): good rows land, bad ones are reported by line or test index with the reason.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../checks';
import { guessFormat, parseImport } from '.';
import type { RowRef } from './common';

const lines = (...rows: (object | string)[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const at = (c: RowRef) => ('line' in c ? c.line : c.index);
const passes = (c: { checks: Parameters<typeof runChecks>[0] }, answer: string) => runChecks(c.checks, answer).passed;

describe('OpenAI Evals samples', () => {
  const file = lines(
    {
      input: [
        { role: 'system', content: 'You are a calculator.' },
        { role: 'user', content: 'What is 17*3?' },
      ],
      ideal: '51',
    },
    { input: 'Name the capital of France.', ideal: 'Paris' },
    { input: [{ role: 'user', content: 'Pick a primary colour' }], ideal: ['red', 'blue', 'yellow'] },
    '{"input": "broken line", "ideal": ',
    { input: 'No ideal here' },
    { input: 42, ideal: 'x' },
    { input: [{ role: 'tool', content: 'x' }], ideal: 'y' },
    { input: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:' } }] }], ideal: 'cat' },
    '',
    {
      input: [
        { role: 'developer', content: 'Be terse.' },
        { role: 'user', content: [{ type: 'text', text: 'Say hi' }] },
      ],
      ideal: 'hi',
      metadata: { difficulty: 'easy', tags: ['greeting'] },
    },
  );

  it('keeps the good rows with their conversations and reports each bad line', () => {
    const r = parseImport('openai-evals', file);
    expect(r.cases.map((c) => c.value.prompt)).toEqual(['What is 17*3?', 'Name the capital of France.', 'Pick a primary colour', 'Say hi']);
    expect(r.cases[0]!.value.messages).toEqual([
      { role: 'system', content: 'You are a calculator.' },
      { role: 'user', content: 'What is 17*3?' },
    ]);
    expect(r.cases[3]!.value).toMatchObject({
      difficulty: 'easy',
      tags: ['greeting'],
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Say hi' },
      ],
    });
    expect(r.rejected).toEqual([
      { line: 4, reason: expect.stringMatching(/^not valid JSON/) },
      { line: 5, reason: 'missing "ideal"' },
      { line: 6, reason: '"input" must be a string or a list of chat messages' },
      { line: 7, reason: 'input[0] has role "tool"; expected system, user or assistant' },
      { line: 8, reason: 'a message part of type "image_url" is not text' },
    ]);
  });

  it('checks as the Match eval does: numbers as numbers, text by its start, any of several ideals', () => {
    const [product, capital, colour] = parseImport('openai-evals', file).cases.map((c) => c.value);
    expect(passes(product!, '51')).toBe(true);
    expect(passes(product!, '51.0')).toBe(true);
    expect(passes(product!, '510')).toBe(false);
    expect(passes(capital!, 'Paris, of course')).toBe(true);
    expect(passes(capital!, 'It is Paris')).toBe(false);
    expect(passes(colour!, 'blue')).toBe(true);
    expect(passes(colour!, 'green')).toBe(false);
  });
});

describe('promptfoo test files', () => {
  const config = `
description: Capital cities
prompts:
  - 'Answer briefly: what is the capital of {{country}}?'
defaultTest:
  assert:
    - type: icontains
      value: '{{capital}}'
tests:
  - vars: { country: France, capital: Paris }
  - description: several asserts must all pass
    vars: { country: Japan, capital: Tokyo }
    assert:
      - type: starts-with
        value: Tokyo
      - type: contains
        value: Tokyo
  - vars: { country: Italy, capital: Rome }
    assert:
      - type: llm-rubric
        value: mentions the Colosseum
  - vars: { country: [Spain, Portugal], capital: x }
  - vars: { country: Peru, capital: Lima }
    assert:
      - type: regex
        value: '^Lima\\b'
      - type: javascript
        value: output.length < 20
    metadata: { difficulty: hard, category: geography }
`;

  it('renders the config prompt, adds defaultTest asserts, and reports the tests it cannot import by index', () => {
    const r = parsePromptfoo(config);
    expect(r.cases.map((c) => [at(c), c.value.prompt])).toEqual([
      [1, 'Answer briefly: what is the capital of France?'],
      [2, 'Answer briefly: what is the capital of Japan?'],
      [3, 'Answer briefly: what is the capital of Italy?'],
      [5, 'Answer briefly: what is the capital of Peru?'],
    ]);
    expect(r.rejected).toEqual([{ index: 4, reason: expect.stringContaining('expands into several tests') }]);
    expect(r.warnings).toEqual([
      { index: 3, reason: 'imported without its unsupported assertion llm-rubric' },
      { index: 5, reason: 'imported without its unsupported assertion javascript' },
    ]);
    expect(r.cases[3]!.value).toMatchObject({ difficulty: 'hard', tags: ['geography'] });
  });

  it('passes a test only when all its supported assertions pass, with promptfoo’s case rules', () => {
    const [france, japan, , peru] = parsePromptfoo(config).cases.map((c) => c.value);
    expect(passes(france!, 'PARIS')).toBe(true); // icontains
    expect(passes(japan!, 'Tokyo.')).toBe(true);
    expect(passes(japan!, 'tokyo')).toBe(false); // contains and starts-with are case-sensitive
    expect(passes(japan!, 'It is Tokyo')).toBe(false); // contains passes, starts-with fails
    expect(passes(peru!, 'Lima')).toBe(true);
    expect(passes(peru!, 'Limassol')).toBe(false);
  });

  it('refuses a test whose assertions are all of unsupported types, naming them, and one without assertions', () => {
    const list = `
- vars: { question: "What is 2+2?" }
  assert:
    - type: equals
      value: 4
- vars: { question: "Summarise the news" }
  assert:
    - type: llm-rubric
      value: is concise
    - type: not-contains
      value: sorry
- vars: { question: "No checks" }
- vars: { topic: a, style: b }
  assert: [{ type: equals, value: x }]
`;
    const r = parsePromptfoo(list);
    expect(r.cases).toHaveLength(1);
    expect(r.cases[0]!.value).toMatchObject({ prompt: 'What is 2+2?', expected: '4', checks: [{ matcher: 'exact', expected: '4' }] });
    expect(r.rejected).toEqual([
      { index: 2, reason: 'only unsupported assertion types (llm-rubric, not-contains): nothing to check the answer with here' },
      { index: 3, reason: 'no assertions: nothing to check the answer with' },
      { index: 4, reason: expect.stringMatching(/^no prompt: .*\(vars: topic, style\)$/) },
    ]);
  });

  it('says where YAML is broken, and that tests in other files must be imported themselves', () => {
    expect(() => parsePromptfoo('tests:\n  - vars: { a: 1\n')).toThrow(/Not valid YAML \(line \d+/);
    expect(() => parsePromptfoo('prompts: [p.txt]\ntests: file://tests.yaml\n')).toThrow(/import those files themselves/);
    expect(() => parsePromptfoo('providers: [openai:gpt-4]\n')).toThrow(/No tests found/);
  });
});

describe('Inspect datasets', () => {
  const file = lines(
    { id: 'q1', input: 'What is the boiling point of water in Celsius?', target: '100', metadata: { subject: 'physics' } },
    {
      input: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'Largest planet?' },
      ],
      target: ['Jupiter', 'Jove'],
    },
    { input: 'Which is a mammal?', choices: ['Shark', 'Dolphin', 'Trout'], target: 'B' },
    { input: 'Fix the bug', target: 'patched', files: { 'main.py': 'print(1' } },
    { input: 'Bad choice', choices: ['a', 'b'], target: 'D' },
    { input: 'Who wrote Hamlet?', target: 'Shakespeare', metadata: { difficulty: 'Easy', tags: 'literature, drama' } },
    { target: 'orphan' },
  );

  it('reads targets, lists of targets and multiple choice, and refuses what needs files or a sandbox', () => {
    const r = parseImport('inspect', file);
    expect(r.cases.map(at)).toEqual([1, 2, 3, 6]);
    const [boil, planet, mammal, hamlet] = r.cases.map((c) => c.value);
    expect(boil!.tags).toEqual(['physics']);
    expect(passes(boil!, '100')).toBe(true);
    expect(passes(planet!, 'It is JUPITER')).toBe(true);
    expect(passes(planet!, 'Saturn')).toBe(false);
    expect(mammal!.prompt).toContain('B) Dolphin');
    expect(passes(mammal!, 'B')).toBe(true);
    expect(passes(mammal!, '(B) Dolphin')).toBe(true);
    expect(passes(mammal!, 'A')).toBe(false);
    expect(passes(hamlet!, 'William Shakespeare')).toBe(true);
    expect(hamlet).toMatchObject({ difficulty: 'easy', tags: ['literature', 'drama'] });
    expect(r.rejected).toEqual([
      { line: 4, reason: expect.stringContaining('needs "files"') },
      { line: 5, reason: 'a multiple-choice target must be a choice letter A–B' },
      { line: 7, reason: '"input" must be a string or a list of chat messages' },
    ]);
  });
});

describe('guessing the format', () => {
  it('from the extension or the first rows', () => {
    expect(guessFormat('tests.yaml', 'tests: []')).toBe('promptfoo');
    expect(guessFormat('promptfooconfig.yml', '')).toBe('promptfoo');
    expect(guessFormat(null, '- vars: {}\n')).toBe('promptfoo');
    expect(guessFormat('samples.jsonl', '{"input": "x", "ideal": "y"}')).toBe('openai-evals');
    expect(guessFormat('data.jsonl', 'garbage\n{"input": "x", "target": "y"}')).toBe('inspect');
    expect(() => guessFormat('x.jsonl', '{"prompt": "x"}')).toThrow(/Cannot tell the format/);
  });
});

const parsePromptfoo = (text: string) => parseImport('promptfoo', text);
