// Reading the judge's reply: the JSON it was asked for, and the usual ways models drift from it.
import { describe, expect, it } from 'vitest';
import { judgeMessages, parseJudgeReply } from './judge-prompt';

describe('judge reply parsing', () => {
  it('reads plain, fenced and wrapped JSON, string scores and synonyms', () => {
    expect(parseJudgeReply('{"score": 0.8, "reason": "mostly right"}')).toEqual({ score: 0.8, reason: 'mostly right' });
    expect(parseJudgeReply('```json\n{ "score": "1", "reason": "correct" }\n```')).toEqual({ score: 1, reason: 'correct' });
    expect(parseJudgeReply('Here you go: {"rating": 0, "explanation": "wrong sum"} Hope it helps.')).toEqual({
      score: 0,
      reason: 'wrong sum',
    });
    expect(parseJudgeReply('Score: 0.5\nReason: half right')).toEqual({ score: 0.5, reason: '' });
  });

  it('refuses replies without a score or with one outside 0..1, instead of guessing', () => {
    expect(() => parseJudgeReply('I think it is fine.')).toThrow(/no score/);
    expect(() => parseJudgeReply('{"score": 4, "reason": "4 out of 5"}')).toThrow(/outside 0\.\.1/);
    expect(() => parseJudgeReply('{"score": "high"}')).toThrow(/no score/);
  });

  it('puts the team’s instructions and the interaction into the prompt', () => {
    const [system, user] = judgeMessages({
      instructions: 'Only the final number matters.',
      prompt: 'What is 2+2?',
      response: '<answer>4</answer>',
    });
    expect(system!.content).toMatch(/"score"/);
    expect(user!.content).toContain('Only the final number matters.');
    expect(user!.content).toContain('What is 2+2?');
    expect(user!.content).toContain('<answer>4</answer>');
  });
});
