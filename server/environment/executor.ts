// The agent loop on one test case: ask the policy for a turn; if it calls a tool, run the tool (sandboxed, via the
// registry) and feed the observation back as <result>…</result> or <error>…</error>; stop at a final answer or at
// the step limit. Every turn is recorded with its output, call, observation and latency.
import { z } from 'zod';
import type { StopReason, TrajectoryStep } from '@/db/schema';
import type { ToolOutcome } from '@/server/tools/registry';
import { CALL_CLOSE, CALL_OPEN, formatError, formatResult, parseTurn, transcript } from '@/common/agent-protocol';
import { matchAnswer, type MatchResult, type MatchSpec } from './matchers';
import type { Policy } from './policy';

export const DEFAULT_STEP_LIMIT = 5;
export const MAX_STEP_LIMIT = 20;

/** The step limit a run or an evaluation takes from its form. */
export const stepLimitField = () =>
  z.number().int('A whole number.').min(1, 'At least 1.').max(MAX_STEP_LIMIT, `At most ${MAX_STEP_LIMIT}.`).default(DEFAULT_STEP_LIMIT);

export type ToolRunner = { run: (name: string, rawArgs: string) => ToolOutcome };

export type CaseRun = {
  steps: TrajectoryStep[];
  finalAnswer: string | null;
  stopReason: StopReason;
  /** Policy plus tool time over all steps. */
  latencyMs: number;
  /** Why the policy stopped, when it failed. */
  error?: string;
};

export type RunCaseOptions = { policy: Policy; prompt: string; tools: string[]; runner: ToolRunner; stepLimit: number };

export async function runCase(o: RunCaseOptions): Promise<CaseRun> {
  const steps: TrajectoryStep[] = [];
  let text = '';
  let latency = 0;
  for (let step = 1; step <= o.stepLimit; step++) {
    const started = performance.now();
    let output: string;
    try {
      output = await o.policy.next({ prompt: o.prompt, transcript: text, step, tools: o.tools });
    } catch (err) {
      latency += performance.now() - started;
      return {
        steps,
        finalAnswer: null,
        stopReason: 'policy_error',
        latencyMs: Math.round(latency),
        error: err instanceof Error ? err.message : String(err),
      };
    }
    const latencyMs = round(performance.now() - started);
    latency += latencyMs;
    const turn = parseTurn(output);
    if (turn.kind === 'answer') {
      steps.push({ output, answer: turn.answer, latencyMs });
      return { steps, finalAnswer: turn.answer, stopReason: 'answer', latencyMs: Math.round(latency) };
    }
    const outcome: ToolOutcome = o.tools.includes(turn.call.tool)
      ? o.runner.run(turn.call.tool, turn.call.args)
      : {
          ok: false,
          error: `unknown tool "${turn.call.tool}": this scenario's tools are ${o.tools.length ? o.tools.join(', ') : 'none'}`,
          ms: 0,
        };
    latency += outcome.ms;
    const observation = outcome.ok ? ({ kind: 'result', text: outcome.value } as const) : ({ kind: 'error', text: outcome.error } as const);
    steps.push({ output, call: turn.call, observation, latencyMs, toolMs: outcome.ms });
    text += callText(output) + (outcome.ok ? formatResult(outcome.value) : formatError(outcome.error));
  }
  return { steps, finalAnswer: null, stopReason: 'step_limit', latencyMs: Math.round(latency) };
}

/** The model's turn up to the end of its call: whatever it wrote after `</call>` is not part of the conversation. */
function callText(output: string): string {
  const open = CALL_OPEN.exec(output);
  const end = open ? output.indexOf(CALL_CLOSE, open.index) : -1;
  return end < 0 ? output + CALL_CLOSE : output.slice(0, end + CALL_CLOSE.length);
}

/** A trajectory as one protocol text: the response of the interaction it becomes in the Data factory. */
export function trajectoryTranscript(steps: TrajectoryStep[]): string {
  return transcript(
    steps.map((s) => ({
      call: s.call,
      result: s.observation?.kind === 'result' ? s.observation.text : undefined,
      error: s.observation?.kind === 'error' ? s.observation.text : undefined,
      answer: s.answer,
    })),
  );
}

/** Why a case without a final answer has none, for the pass/fail explanation. */
export function stopNote(run: Pick<CaseRun, 'stopReason' | 'error'>, stepLimit: number): string {
  if (run.stopReason === 'step_limit') return ` (step limit of ${stepLimit} reached)`;
  if (run.stopReason === 'policy_error') return ` (the policy failed: ${run.error ?? 'unknown error'})`;
  return '';
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Pass or fail of one case run, explained; a missing answer says why it is missing. */
export function judgeCase(spec: MatchSpec, run: Pick<CaseRun, 'finalAnswer' | 'stopReason' | 'error'>, stepLimit: number): MatchResult {
  const r = matchAnswer(spec, run.finalAnswer);
  return run.finalAnswer === null ? { ...r, explanation: r.explanation + stopNote(run, stepLimit) } : r;
}
