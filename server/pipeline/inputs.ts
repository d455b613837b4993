// What a user may choose for a step (every field optional: the defaults do the demo path in one click).
import { z } from 'zod';
import { datasetNameSchema } from '@/server/data/datasets/naming';
import { hyperParamsInput } from '@/server/training/hyperparams';

const id = z.string().trim().min(1).max(120);
const { epochs, batchSize, learningRate, modelSize, maxSeconds, seed } = hyperParamsInput.shape;

export const stepInputsSchema = z
  .object({
    // compute
    resourceType: z.enum(['cpu', 'gpu']).optional(),
    count: z.number().int().min(1, 'Ask for at least 1.').max(64, 'At most 64.').optional(),
    memoryMb: z
      .number()
      .int()
      .min(0)
      .max(1024 * 1024)
      .optional(),
    // data
    agentId: z.string().trim().min(1).max(100).optional(),
    datasetName: datasetNameSchema.optional(),
    clean: z.boolean().optional(),
    // environment
    scenarioId: id.optional(),
    // training (the hyper-parameters keep the Training factory's own rules)
    name: z.string().trim().min(1).max(60).optional(),
    base: id.optional(),
    epochs: epochs.unwrap().optional(),
    batchSize: batchSize.unwrap().optional(),
    learningRate: learningRate.unwrap().optional(),
    modelSize: modelSize.unwrap().optional(),
    maxSeconds: maxSeconds.unwrap().optional(),
    seed: seed.unwrap().optional(),
    // evaluation
    tasksetId: id.optional(),
    adversarialCount: z.number().int().min(0).max(200).optional(),
  })
  .strict();

export type StepInputs = z.output<typeof stepInputsSchema>;
