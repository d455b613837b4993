// What an agent is to the executor: a Policy that, given the prompt and the transcript so far, writes its next turn.
// The turn is text in the agent protocol (./protocol.ts): a tool call `<call:calculator>42+28</call>`, or a final
// `<answer>70</answer>` (text with neither counts as the answer). The executor runs the call and appends the runtime's
// `<result>…</result>` or `<error>…</error>` to the transcript before asking for the next turn.
//
// Providers make policies from a reference: `baseline` (built in), `model:<id>` (the Training factory plugs its
// provider into ./policies.ts), later `deployment:<id>`.
import type { Db } from '@/db';
import type { ScenarioType } from '@/db/schema';

export type PolicyContext = {
  prompt: string;
  /** Everything after the prompt so far in protocol form: earlier turns each followed by the runtime's answer. Empty at first. */
  transcript: string;
  /** 1-based turn number. */
  step: number;
  /** Tools the scenario lets the agent call. */
  tools: string[];
};

export interface Policy {
  /** Recorded on runs and as the agent id of interactions sent to the Data factory. */
  readonly name: string;
  next(context: PolicyContext): Promise<string>;
}

export type PolicyScenario = { id: string; type: ScenarioType; tools: string[] };

export type PolicyRequest = {
  db: Db;
  projectId: string;
  /** The whole reference, e.g. `model:model_abc`. */
  ref: string;
  /** The part after `kind:` (empty for `baseline`). */
  id: string;
  scenario: PolicyScenario;
  /** Runs with the same seed must behave the same (the validator's stability check relies on it). */
  seed: number;
};

export type PolicyOption = { ref: string; label: string; description: string };

export type PolicyProvider = {
  kind: string;
  /** The policies of this kind the project can run now, for the run form's picker. */
  list: (db: Db, projectId: string) => Promise<PolicyOption[]>;
  /** Whether `id` names a policy of this kind in the project (when absent, membership of `list` decides). */
  has?: (db: Db, projectId: string, id: string) => Promise<boolean>;
  create: (request: PolicyRequest) => Promise<Policy>;
};
