// Scenario names and ids: `scn_<name>_v<version>`, readable and unique within a project.
import { z } from 'zod';

export const scenarioNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the scenario a name.')
  .max(40, 'At most 40 characters.')
  .regex(/^[a-z][a-z0-9_]*$/, 'Lower-case letters, digits and _, starting with a letter (it becomes the id scn_<name>_v1).');

export const scenarioId = (name: string, version: number) => `scn_${name}_v${version}`;
