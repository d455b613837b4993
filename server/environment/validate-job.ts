// The `environment.validate` job (check_environment): validates one scenario version with progress, see ./validation.ts.
import { z } from 'zod';
import { defineJob } from '@/server/jobs/registry';
import { ENV_VALIDATE_JOB, runValidation, validationSettingsSchema } from './validation';

export const environmentValidateJob = defineJob({
  type: ENV_VALIDATE_JOB,
  description: 'check_environment: checks a scenario version (well-formed, unique, reference answers, tools, baseline stability).',
  input: validationSettingsSchema.extend({ scenarioId: z.string().min(1) }),
  result: z.object({
    scenarioId: z.string(),
    status: z.enum(['passed', 'failed']),
    /** false: the scenario was edited while validating, so this report was not stored. */
    stored: z.boolean(),
    errors: z.number().int(),
    warnings: z.number().int(),
    spread: z.number(),
  }),
  run: async ({ db, job, input, progress }) => {
    await progress(0, `Validating ${input.scenarioId}`);
    const { report, status, stored } = await runValidation(db, job.projectId, input.scenarioId, { ...input, onProgress: progress });
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.length - errors;
    await progress(
      1,
      stored
        ? `${status === 'passed' ? 'Passed' : 'Failed'}: ${errors} errors, ${warnings} warnings`
        : 'Edited while validating: this report is stale; validate again',
    );
    return { scenarioId: input.scenarioId, status, stored, errors, warnings, spread: report.stability.spread };
  },
});
