// Starts the tensor engine once per process (or worker thread): TensorFlow.js on its WebAssembly backend (XNNPACK, SIMD).
// Why this engine and not another: README.md beside this file.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

let ready: Promise<void> | null = null;

export type BackendName = 'wasm' | 'cpu';

/** Resolves when the backend is set; safe to call often (the first call's backend stays for the process). */
export function initBackend(name: BackendName = 'wasm'): Promise<void> {
  ready ??= (async () => {
    // The wasm module's Emscripten glue adds process-wide handlers that re-throw every uncaught error after printing
    // its whole minified source; Node's own handling is the same minus the noise, so they are taken back out.
    const exceptionBefore = new Set(process.listeners('uncaughtException'));
    const rejectionBefore = new Set(process.listeners('unhandledRejection'));
    try {
      if (!(await tf.setBackend(name))) throw new Error(`tensor backend "${name}" could not start`);
      await tf.ready();
    } finally {
      for (const l of process.listeners('uncaughtException')) if (!exceptionBefore.has(l)) process.off('uncaughtException', l);
      for (const l of process.listeners('unhandledRejection')) if (!rejectionBefore.has(l)) process.off('unhandledRejection', l);
    }
  })().catch((e: unknown) => {
    ready = null; // a later call may retry
    throw e;
  });
  return ready;
}

export { tf };
