// Compares tensor engines for the built-in trainer on the product's default run: the demo's questions, the default
// hyper-parameters and tokenizer (engineConfig of the form's defaults), the same seed. Each candidate runs in its own
// process. CPU time per step is reported beside wall time: on a shared machine it is the steadier figure.
// The PyTorch reference (when python3-torch is installed: Debian's python3-torch, one thread) trains the same
// architecture, with the same parameter count, on batches of exactly the shapes the tfjs trainer drew.
// Run: npx tsx --conditions=react-server bench/trainer-engines.ts   (BENCH_STEPS, default 40 timed steps after 3 warm-up steps)

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const candidates = ['wasm-simd', 'wasm-nosimd', 'cpu', 'pytorch'] as const;
type Candidate = (typeof candidates)[number];
type Figures = { stepsPerSec: number; tokensPerSec: number; cpuMsPerStep: number; rssMB: number; note?: string };
const STEPS = Number(process.env.BENCH_STEPS ?? 40);
const WARM = 3;

async function trainer() {
  const { mathInteractions } = await import('@/server/data/demo/math');
  const { seededRng } = await import('@/common/rng');
  const { engineConfig, hyperParamsInput } = await import('@/server/training/hyperparams');
  const { createTrainer } = await import('@/server/training/engine');
  const train = mathInteractions(seededRng(20250301), 3_240).map(({ prompt, response }) => ({ prompt, response }));
  const hp = hyperParamsInput.parse({});
  return createTrainer({ examples: { train }, config: engineConfig(hp), seed: hp.seed });
}

async function measure(candidate: Exclude<Candidate, 'pytorch'>): Promise<Figures & { shapes: [number, number][]; model: object }> {
  const { tf, initBackend } = await import('@/server/training/engine/backend');
  if (candidate === 'wasm-nosimd') tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  await initBackend(candidate === 'cpu' ? 'cpu' : 'wasm');
  const t = await trainer();
  const steps = candidate === 'cpu' ? 3 : STEPS;
  for (let i = 0; i < WARM; i++) t.trainStep(); // kernels compiled, operators created
  const shapes: [number, number][] = [];
  let tokens = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const r = t.trainStep();
    tokens += r.tokens;
    shapes.push(r.shape);
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    stepsPerSec: steps / s,
    tokensPerSec: tokens / s,
    cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps,
    rssMB: process.memoryUsage().rss / 2 ** 20,
    shapes,
    model: { ...t.modelConfig, params: t.parameterCount, tokens },
  };
}

/** The same model in PyTorch (pre-LayerNorm, learned positions, causal attention, ReLU MLP, untied head, Adam). */
const TORCH = String.raw`
import json, resource, sys, time, torch, torch.nn as nn
torch.set_num_threads(1); torch.manual_seed(1)
c = json.loads(sys.stdin.read())
V, T, D, L, H, M = c['vocabSize'], c['context'], c['dModel'], c['layers'], c['heads'], c['mlp']
class Block(nn.Module):
    def __init__(s):
        super().__init__()
        s.ln1, s.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)
        s.q, s.k, s.v, s.o = (nn.Linear(D, D) for _ in range(4))
        s.fc, s.proj = nn.Linear(D, M), nn.Linear(M, D)
    def forward(s, x, mask):
        B, t, _ = x.shape
        a = s.ln1(x)
        split = lambda y: y.view(B, t, H, D // H).transpose(1, 2)
        q, k, v = split(s.q(a)), split(s.k(a)), split(s.v(a))
        att = (q @ k.transpose(-1, -2)) / (D // H) ** 0.5 + mask[:t, :t]
        x = x + s.o((att.softmax(-1) @ v).transpose(1, 2).reshape(B, t, D))
        return x + s.proj(torch.relu(s.fc(s.ln2(x))))
class Model(nn.Module):
    def __init__(s):
        super().__init__()
        s.tok, s.pos = nn.Embedding(V, D), nn.Parameter(torch.randn(T, D) * 0.02)
        s.blocks = nn.ModuleList(Block() for _ in range(L))
        s.lnf, s.head = nn.LayerNorm(D), nn.Linear(D, V)
    def forward(s, x, mask):
        h = s.tok(x) + s.pos[: x.shape[1]]
        for b in s.blocks: h = b(h, mask)
        return s.head(s.lnf(h))
m = Model()
params = sum(p.numel() for p in m.parameters())
opt = torch.optim.Adam(m.parameters(), lr=2e-3, betas=(0.9, 0.98), eps=1e-9)
mask = torch.full((T, T), -1e9).triu(1)
def step(rows, t):
    x = torch.randint(4, V, (rows, t)); y = torch.randint(4, V, (rows, t)); w = (torch.rand(rows, t) < 0.4).float()
    loss = (nn.functional.cross_entropy(m(x, mask).reshape(-1, V), y.reshape(-1), reduction='none') * w.reshape(-1)).sum() / w.sum()
    opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step()
for rows, t in c['shapes'][: c['warm']]: step(rows, t)
timed = c['shapes']
cpu0, wall0 = time.process_time(), time.perf_counter()
for rows, t in timed: step(rows, t)
cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
print(json.dumps({'stepsPerSec': len(timed) / wall, 'tokensPerSec': c['tokens'] / wall, 'cpuMsPerStep': cpu * 1000 / len(timed),
  'rssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'note': f'torch {torch.__version__}, {params} parameters'}))
`;

/** A Python that imports torch: BENCH_PYTHON, else the one on PATH, else Debian's (where python3-torch installs). */
function torchPython(): string | null {
  for (const py of [process.env.BENCH_PYTHON, 'python3', '/usr/bin/python3'])
    try {
      if (py) execFileSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
      if (py) return py;
    } catch {
      // try the next one
    }
  return null;
}

function pytorch(reference: { shapes: [number, number][]; model: object }): Figures | string {
  const py = torchPython();
  if (!py) return 'not installed (apt-get install python3-torch to compare)';
  const out = execFileSync(py, ['-c', TORCH], {
    input: JSON.stringify({ ...reference.model, shapes: reference.shapes, warm: WARM }),
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

const one = process.env.ENGINE_CANDIDATE as Exclude<Candidate, 'pytorch'> | undefined;
if (one) console.log(JSON.stringify(await measure(one)));
else {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average before: ${load()}; ${STEPS} timed steps of the default run (demo data, default hyper-parameters)`);
  const results = new Map<Candidate, Figures | string>();
  let reference: { shapes: [number, number][]; model: object } | null = null;
  for (const c of candidates) {
    if (c === 'pytorch') {
      results.set(c, reference ? pytorch(reference) : 'needs the wasm-simd run first');
      continue;
    }
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, ENGINE_CANDIDATE: c },
      encoding: 'utf8',
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as Figures & { shapes: [number, number][]; model: object };
    if (c === 'wasm-simd') {
      reference = r;
      const mean = r.shapes.reduce((n, [, t]) => n + t, 0) / r.shapes.length;
      console.log(`model ${JSON.stringify(r.model)}; batches ${r.shapes[0]![0]} rows × ${mean.toFixed(1)} time steps on average`);
    }
    results.set(c, r);
  }
  const simd = results.get('wasm-simd') as Figures;
  for (const [c, r] of results) {
    if (typeof r === 'string') {
      console.log(`${c.padEnd(12)} ${r}`);
      continue;
    }
    console.log(
      `${c.padEnd(12)} ${r.stepsPerSec.toFixed(2).padStart(6)} steps/s ${Math.round(r.tokensPerSec).toString().padStart(6)} tokens/s ` +
        `${r.cpuMsPerStep.toFixed(1).padStart(7)} CPU ms/step (≈ ${(1000 / r.cpuMsPerStep).toFixed(2)} steps/s on an idle core)  ` +
        `RSS ${r.rssMB.toFixed(0)} MB  ×${(r.cpuMsPerStep / simd.cpuMsPerStep).toFixed(2)} the CPU time of wasm-simd${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log(`load average after: ${load()}`);
}
