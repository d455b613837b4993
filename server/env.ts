// Environment read and validated once; everything else imports `env` instead of touching process.env.
import 'server-only';
import { z } from 'zod';
import { WORKER_TIMING_DEFAULTS } from '@/common/worker-timing';

const flag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

const schema = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  AF_DATA_DIR: z.string().min(1).default('.data'),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** The public URL of the app; next-auth needs it for redirects and the start banner prints it. */
  NEXTAUTH_URL: z.string().url().optional(),
  /** Run the job worker inside the web server process. Defaults to on for embedded PGlite (single process) and off for Postgres. */
  WORKER_IN_PROCESS: flag,
  WORKER_POLL_MS: z.coerce.number().int().min(10).default(WORKER_TIMING_DEFAULTS.WORKER_POLL_MS),
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(10).default(WORKER_TIMING_DEFAULTS.WORKER_HEARTBEAT_MS),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Demo projects and demo users with published passwords: on for the embedded default only, unless set. */
  SEED_DEMO: flag,
  /** A real install's first admin, created at first start when no user exists (instead of the one-time setup link). */
  AF_ADMIN_EMAIL: z.string().trim().toLowerCase().email().optional(),
  AF_ADMIN_PASSWORD: z.string().min(12, 'AF_ADMIN_PASSWORD must be at least 12 characters').optional(),
  AF_ADMIN_NAME: z.string().trim().min(1).optional(),
  MAX_ARTIFACT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(512 * 1024 * 1024),
  /** Largest file one upload (UI or CLI) or one POST /api/v1/events body may be; bigger ones are refused with a clear message. */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .default(100 * 1024 * 1024),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env = load();

export const workerInProcess = () => env.WORKER_IN_PROCESS ?? !env.DATABASE_URL;
/** Demo data and demo users belong to the embedded default (or an explicit SEED_DEMO=1), never to a real database. */
export const demoSeeding = () => env.SEED_DEMO ?? !env.DATABASE_URL;
