// What this machine reports: nvidia-smi's CSV as GPUs, and the real cores and memory of the OS.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { localResources, parseNvidiaSmi } from './local-resources';

describe('parseNvidiaSmi', () => {
  it('reads one GPU per line of `--query-gpu=name,memory.total --format=csv,noheader,nounits`', () => {
    const out = 'NVIDIA H100 80GB HBM3, 81559\nNVIDIA H100 80GB HBM3, 81559\n';
    expect(parseNvidiaSmi(out)).toEqual([
      { name: 'NVIDIA H100 80GB HBM3', memoryMb: 81559 },
      { name: 'NVIDIA H100 80GB HBM3', memoryMb: 81559 },
    ]);
  });

  it('keeps commas inside a name, trims spaces and CRLF, and skips blank lines', () => {
    expect(parseNvidiaSmi('  Tesla T4 , 15360\r\n\r\nGPU, rev 2, 24576\r\n')).toEqual([
      { name: 'Tesla T4', memoryMb: 15360 },
      { name: 'GPU, rev 2', memoryMb: 24576 },
    ]);
  });

  it('drops lines that are not GPUs: driver messages, unknown memory, empty output', () => {
    expect(parseNvidiaSmi('No devices were found\n')).toEqual([]);
    expect(parseNvidiaSmi('NVIDIA A100-SXM4-40GB, [N/A]\n')).toEqual([]);
    expect(parseNvidiaSmi('')).toEqual([]);
  });
});

describe('localResources', () => {
  it('reports the cores and memory the OS reports', async () => {
    const r = await localResources();
    expect(r.cpus).toBe(os.availableParallelism());
    expect(r.memoryMb).toBe(Math.round(os.totalmem() / 1024 / 1024));
    expect(Array.isArray(r.gpus)).toBe(true);
  });
});
