// Test fixtures for the Runtime factory: a tiny real model's artefact bytes (a few training steps: real weights,
// quick to make) for sandboxes started straight from bytes.
import { createTrainer, serializeCheckpoint } from '@/server/training/engine';
import { sumExample, sumPairs, tinyConfig } from '@/server/training/engine/testing';

export async function tinyModelBytes(steps = 5): Promise<Uint8Array> {
  const { train, heldOut } = sumPairs();
  const trainer = await createTrainer({
    examples: { train: train.map(([a, b]) => sumExample(a, b)), validation: heldOut.map(([a, b]) => sumExample(a, b)) },
    config: tinyConfig(steps),
    seed: 1,
  });
  for (let i = 0; i < steps; i++) await trainer.trainStep();
  const bytes = serializeCheckpoint(trainer.checkpoint(), { modelOnly: true });
  trainer.dispose();
  return bytes;
}
