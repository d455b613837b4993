// What this machine really has: cores and memory from the OS, GPUs from nvidia-smi when it exists.
import os from 'node:os';
import { execFile } from 'node:child_process';
import type { WorkerResources } from '@/db/schema';

export type Gpu = { name: string; memoryMb: number };

let gpuCache: Promise<Gpu[]> | undefined;

/** Parses `nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits`. */
export function parseNvidiaSmi(out: string): Gpu[] {
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const idx = line.lastIndexOf(',');
      return { name: line.slice(0, idx).trim(), memoryMb: Number(line.slice(idx + 1).trim()) };
    })
    .filter((g) => g.name && Number.isFinite(g.memoryMb));
}

export function detectGpus(): Promise<Gpu[]> {
  gpuCache ??= new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=name,memory.total', '--format=csv,noheader,nounits'], { timeout: 5_000 }, (err, stdout) =>
      resolve(err ? [] : parseNvidiaSmi(stdout)),
    );
  });
  return gpuCache;
}

export async function localResources(): Promise<WorkerResources> {
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    gpus: await detectGpus(),
  };
}
