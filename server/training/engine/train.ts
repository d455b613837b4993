// The training loop around a Trainer: runs to the planned step count (or a time budget), reports progress at an
// interval, validates and checkpoints every N steps, and stops promptly when its AbortSignal fires.

import type { Checkpoint } from './checkpoint';
import type { ModelPolicy } from './policy';
import type { Trainer } from './trainer';

export type TrainProgress = {
  step: number;
  totalSteps: number;
  epoch: number;
  /** mean training loss of the steps since the previous report (NaN before the first step of this call). */
  trainLoss: number;
  /** latest validation loss, when there is validation data and it has been measured. */
  valLoss?: number;
  /** latest figures returned by onValidate (e.g. exact match on the scenario's cases). */
  metrics?: Record<string, number>;
  learningRate: number;
  /** throughput of the training steps themselves (validation and callbacks excluded). */
  tokensPerSec: number;
  stepsPerSec: number;
  /** wall-clock estimate to totalSteps (or to the time budget, if that comes first). */
  etaSeconds: number;
  elapsedSeconds: number;
};

export type TrainOptions = {
  /** stop once the trainer reaches this step (default: trainer.totalSteps). */
  maxSteps?: number;
  /** stop after this many seconds of wall time. */
  maxSeconds?: number;
  /** aborting stops the loop within one step; train() then rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void | Promise<void>;
  /** default 2 s; the last step is always reported. */
  progressEverySeconds?: number;
  /** also report after this many steps whatever the clock says (default: a 25th of the run), so a run that
   * finishes in a few seconds still draws a loss curve rather than two points. */
  progressEverySteps?: number;
  /** measure validation loss (and call onValidate) every N steps and at the end; 0 = at the end only (default 100). */
  validateEverySteps?: number;
  /** scores the current model; the figures join the progress reports as `metrics`. The policy is disposed after. */
  onValidate?: (ctx: { step: number; policy: ModelPolicy }) => Promise<Record<string, number>> | Record<string, number>;
  /** call onCheckpoint every N steps (0 = only at the end) and always once at the end, when given. */
  checkpointEverySteps?: number;
  onCheckpoint?: (checkpoint: Checkpoint, step: number) => void | Promise<void>;
};

export type TrainResult = {
  stoppedBy: 'steps' | 'time';
  step: number;
  trainLoss: number;
  valLoss?: number;
  metrics?: Record<string, number>;
  /** steps taken in this call (a resumed run counts from where it resumed). */
  stepsRun: number;
  seconds: number;
  tokensPerSec: number;
  stepsPerSec: number;
};

export async function train(trainer: Trainer, opts: TrainOptions = {}): Promise<TrainResult> {
  const target = Math.min(opts.maxSteps ?? Infinity, trainer.totalSteps);
  const everyReport = (opts.progressEverySeconds ?? 2) * 1000;
  const everyReportSteps = Math.max(1, opts.progressEverySteps ?? Math.ceil((target - trainer.step) / 25));
  const everyValidate = opts.validateEverySteps ?? 100;
  const everyCheckpoint = opts.checkpointEverySteps ?? 0;
  const started = performance.now();
  const deadline = opts.maxSeconds !== undefined ? started + opts.maxSeconds * 1000 : Infinity;
  let computeMs = 0;
  let tokens = 0;
  let stepsRun = 0;
  let lastReport = started;
  let windowLoss = 0;
  let windowSteps = 0;
  let lastLoss = NaN;
  let learningRate = 0;
  let valLoss: number | undefined;
  let metrics: Record<string, number> | undefined;
  let checkpointedAt = -1;

  const validate = async () => {
    valLoss = trainer.validationLoss();
    if (opts.onValidate) {
      const policy = trainer.policy();
      try {
        metrics = { ...(await opts.onValidate({ step: trainer.step, policy })) };
      } finally {
        policy.dispose();
      }
    }
  };
  const meanLoss = () => (windowSteps ? windowLoss / windowSteps : lastLoss);
  const rates = () => ({
    tokensPerSec: computeMs ? (tokens * 1000) / computeMs : 0,
    stepsPerSec: computeMs ? (stepsRun * 1000) / computeMs : 0,
  });
  const report = async () => {
    const now = performance.now();
    const elapsed = (now - started) / 1000;
    const wallRate = stepsRun / Math.max(elapsed, 1e-9);
    const remaining = Math.max(0, target - trainer.step);
    const eta = Math.min(wallRate > 0 ? remaining / wallRate : Infinity, Math.max(0, (deadline - now) / 1000));
    await opts.onProgress?.({
      step: trainer.step,
      totalSteps: target,
      epoch: trainer.epoch,
      trainLoss: meanLoss(),
      ...(valLoss !== undefined ? { valLoss } : {}),
      ...(metrics ? { metrics } : {}),
      learningRate,
      ...rates(),
      etaSeconds: Number.isFinite(eta) ? eta : 0,
      elapsedSeconds: elapsed,
    });
    lastReport = now;
    windowLoss = 0;
    windowSteps = 0;
  };

  let stoppedBy: TrainResult['stoppedBy'] = 'steps';
  while (trainer.step < target) {
    opts.signal?.throwIfAborted();
    if (performance.now() >= deadline) {
      stoppedBy = 'time';
      break;
    }
    const t0 = performance.now();
    const r = trainer.trainStep();
    computeMs += performance.now() - t0;
    tokens += r.tokens;
    stepsRun++;
    lastLoss = r.loss;
    learningRate = r.learningRate;
    windowLoss += r.loss;
    windowSteps++;
    if (!Number.isFinite(r.loss)) throw new Error(`training diverged at step ${r.step} (loss ${r.loss}); lower the learning rate`);
    const last = trainer.step >= target;
    if (!last && everyValidate > 0 && trainer.step % everyValidate === 0) await validate();
    if (everyCheckpoint > 0 && trainer.step % everyCheckpoint === 0 && opts.onCheckpoint) {
      await opts.onCheckpoint(trainer.checkpoint(), trainer.step);
      checkpointedAt = trainer.step;
    }
    if (!last && (performance.now() - lastReport >= everyReport || windowSteps >= everyReportSteps)) await report();
    // Yield so a worker sharing this process (heartbeats, web requests, the abort itself) gets a turn between steps.
    await new Promise((resolve) => setImmediate(resolve));
  }
  opts.signal?.throwIfAborted();
  // Always validated and checkpointed at the end, whatever the intervals: a short run is never left unmeasured, and
  // what a time-budget stop trained is never lost.
  await validate();
  if (opts.onCheckpoint && checkpointedAt !== trainer.step) await opts.onCheckpoint(trainer.checkpoint(), trainer.step);
  const finalLoss = meanLoss(); // read before report() starts a new window
  await report();
  return {
    stoppedBy,
    step: trainer.step,
    trainLoss: finalLoss,
    ...(valLoss !== undefined ? { valLoss } : {}),
    ...(metrics ? { metrics } : {}),
    stepsRun,
    seconds: (performance.now() - started) / 1000,
    ...rates(),
  };
}
