// The messages between a sandbox worker thread and the pool that owns it. Plain data only: no host object crosses.
import type { AgentStep } from '@/server/training/engine';

/** What a sandbox is started with (the Worker's workerData). */
export type SandboxInit = {
  /** The model's artefact (a model-only checkpoint), copied into the thread. */
  modelBytes: Uint8Array;
  /** Built-in tools by name (server/tools/builtin.ts), run in the tool sandbox inside the thread. */
  tools: string[];
  /** Tools given as handler source text (a function of the call's raw argument text), compiled the same way. */
  customTools?: { name: string; source: string }[];
  /** Most tool calls per request before the run is stopped. */
  maxCalls: number;
  toolTimeoutMs: number;
};

export type SandboxRequest =
  { id: number; type: 'chat'; prompt: string; maxCalls?: number } | { id: number; type: 'tool'; name: string; args: string };

export type ChatResult = {
  answer: string;
  transcript: string;
  steps: AgentStep[];
  reason: string;
  /** Tokens the prompt was read as, and tokens the model wrote. */
  promptTokens: number;
  completionTokens: number;
};

export type ToolResult = { ok: true; value: string } | { ok: false; error: string };

export type SandboxReply =
  | { type: 'ready' }
  | { type: 'startup-error'; message: string }
  | { id: number; type: 'chat'; result: ChatResult }
  | { id: number; type: 'tool'; result: ToolResult }
  | { id: number; type: 'error'; message: string };
