// The reference judge's partial credit, the LLM judge's reply parsing and prompt template, and the calibration rule
// that decides whether a judge's score counts (n ≥ 30, κ ≥ 0.6, TPR and TNR ≥ 0.7).
import { describe, expect, it } from 'vitest';
import type { CaseCheck } from '@/db/schema';
import { calibrate, type CalibrationPair } from './calibration';
import { DEFAULT_JUDGE_PROMPT, parseJudgeScore, renderJudgePrompt } from './judge-prompt';
import { referenceJudge, tokenF1 } from './judge-reference';

const numeric: CaseCheck[] = [{ matcher: 'numeric', expected: '200', tolerance: 0 }];

describe('the reference judge', () => {
  it('scores numbers by closeness and text by normalised match or token F1', () => {
    expect(referenceJudge({ expected: '200', checks: numeric }, '200').score).toBe(100);
    expect(referenceJudge({ expected: '200', checks: numeric }, '202').score).toBe(90);
    expect(referenceJudge({ expected: '200', checks: numeric }, '260').score).toBe(0);
    expect(referenceJudge({ expected: 'The Eiffel Tower', checks: [] }, 'eiffel tower!').score).toBe(100);
    expect(referenceJudge({ expected: 'red green blue', checks: [] }, 'red blue').score).toBeCloseTo(80, 5);
    expect(referenceJudge({ expected: '200', checks: numeric }, null)).toEqual({ score: 0, reason: 'no final answer' });
    expect(tokenF1('a b c', 'x y')).toBe(0);
  });
});

describe('the LLM judge', () => {
  it('fills the taskset prompt and reads scores from the replies judges really give', () => {
    const text = renderJudgePrompt(DEFAULT_JUDGE_PROMPT, {
      prompt: 'What is 2+2?',
      expected: '4',
      answer: '5',
      transcript: '<answer>5</answer>',
    });
    expect(text).toContain('What is 2+2?');
    expect(text).not.toMatch(/\{\{/);
    expect(renderJudgePrompt('{{ answer }} vs {{expected}} {{unknown}}', { prompt: '', expected: '4', answer: '5', transcript: '' })).toBe(
      '5 vs 4 {{unknown}}',
    );
    expect(parseJudgeScore('```json\n{"score": 85, "reason": "close"}\n```')).toEqual({ score: 85, reason: 'close' });
    expect(parseJudgeScore('Verdict: {"score": "40", "explanation": "partly"}')).toEqual({ score: 40, reason: 'partly' });
    expect(parseJudgeScore('score: 70')).toEqual({ score: 70, reason: '' });
    expect(() => parseJudgeScore('looks fine to me')).toThrow(/no score/);
    expect(() => parseJudgeScore('{"score": 140}')).toThrow(/outside 0..100/);
  });
});

/** `agree` of `n` items where judge and human agree, half good and half bad. */
function pairs(n: number, disagree: number): CalibrationPair[] {
  return Array.from({ length: n }, (_, i) => {
    const good = i % 2 === 0;
    const flip = i < disagree;
    return { human: good ? 1 : 0, judge: good !== flip ? 90 : 10 };
  });
}

describe('judge calibration', () => {
  const src = { runRatings: 0, annotation: 0 };
  it('counts a judge that agrees with humans on at least 30 items', () => {
    const c = calibrate(pairs(40, 2), src);
    expect(c.calibrated).toBe(true);
    expect(c.kappa).toBeCloseTo(0.9, 5);
    expect(c.reason).toMatch(/^Calibrated: κ = 0.90/);
  });

  it('keeps a judge below the κ bar advisory, with the reason', () => {
    const c = calibrate(pairs(40, 10), src); // 75% agreement on balanced items: κ = 0.5
    expect(c.calibrated).toBe(false);
    expect(c.kappa).toBeCloseTo(0.5, 5);
    expect(c.reason).toBe("Advisory only: Cohen's κ = 0.50 < 0.6 over 40 items.");
  });

  it('needs 30 items, and both good and bad ones', () => {
    expect(calibrate(pairs(29, 0), src).reason).toMatch(/29 items .* needs 30/);
    const allGood = Array.from({ length: 40 }, () => ({ human: 1, judge: 90 }));
    expect(calibrate(allGood, src).calibrated).toBe(false);
    // A judge that approves everything: agreement on most items of a mostly-good sample, but no TNR.
    const lenient = [
      ...Array.from({ length: 36 }, () => ({ human: 1, judge: 90 })),
      ...Array.from({ length: 4 }, () => ({ human: 0, judge: 80 })),
    ];
    expect(calibrate(lenient, src).calibrated).toBe(false);
  });
});
