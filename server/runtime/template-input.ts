// What a template may be set to: one schema for the form, the router and the seed, with the limits a 2-core machine
// can carry (a sandbox is a thread with its own copy of the model).
import { z } from 'zod';

export const templateConfigInput = z
  .object({
    tools: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).max(16),
    systemPrompt: z.string().max(4000),
    stepLimit: z.number().int().min(1).max(20),
    requestTimeoutMs: z.number().int().min(100).max(120_000),
    memoryLimitMb: z.number().int().min(32).max(4096),
    poolMin: z.number().int().min(0).max(16),
    poolMax: z.number().int().min(1).max(32),
    healthIntervalMs: z.number().int().min(1000).max(3_600_000),
    healthProbe: z.object({ prompt: z.string().min(1).max(500), expectContains: z.string().max(200).nullable() }),
  })
  .refine((t) => t.poolMin <= t.poolMax, { message: 'The pool minimum cannot be above its maximum.', path: ['poolMin'] });

export type TemplateConfigInput = z.infer<typeof templateConfigInput>;

export const BASIC_AGENT = 'basic-agent';

/** The seeded template: the math scenario's calculator agent, two warm sandboxes, room for four. */
export const BASIC_AGENT_CONFIG: TemplateConfigInput = {
  tools: ['calculator'],
  systemPrompt: 'You are a math assistant. Use the calculator for arithmetic, then give the final answer.',
  stepLimit: 5,
  requestTimeoutMs: 10_000,
  memoryLimitMb: 256,
  poolMin: 2,
  poolMax: 4,
  healthIntervalMs: 30_000,
  healthProbe: { prompt: 'What is 1+1?', expectContains: null },
};
