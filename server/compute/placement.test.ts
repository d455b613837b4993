// The scheduling rules on hand-built pools: refusal reasons, queue order, no backfill, project scoping, ETA replay.
import { describe, expect, it } from 'vitest';
import type { Machine } from './pool';
import { needOf, refusalReason, schedule, type Holding, type Queued } from './placement';
import { explainWaits, holderEta, type HoldingInfo } from './explain';

const machine = (id: string, cpus: number, memoryMb: number, gpus = 0, projectId: string | null = null): Machine => ({
  id,
  name: id === 'local' ? 'this machine (test)' : id,
  kind: id === 'local' ? 'local' : 'remote',
  projectId,
  capacity: { cpus, memoryMb, gpus },
  gpus: Array.from({ length: gpus }, () => ({ name: 'H100', memoryMb: 81_559 })),
  queues: ['default'],
  lastSeenAt: null,
});

let seq = 0;
const req = (id: string, o: Partial<Queued> = {}): Queued => ({
  id,
  projectId: 'p1',
  resourceType: 'cpu',
  count: 1,
  memoryMb: 0,
  priority: 0,
  seq: ++seq,
  ...o,
});
const held = (id: string, machineId: string, r: Partial<Queued>, projectId = 'p1'): Holding => ({
  id,
  projectId,
  machineId,
  need: needOf({ resourceType: 'cpu', count: 1, memoryMb: 0, ...r }),
});
const granted = (decisions: ReturnType<typeof schedule>['decisions']) => decisions.filter((d) => d.kind === 'grant').map((d) => d.id);

describe('refusal', () => {
  const local = machine('local', 2, 8_000);

  it('names GPUs when the pool has none, with the largest grantable request', () => {
    expect(refusalReason([local], 'p1', { resourceType: 'gpu', count: 2, memoryMb: 1024 })).toBe(
      'This pool has 0 GPUs; the largest GPU request it can ever grant is 0. Connect a remote worker with GPUs through the worker route, or request CPU cores.',
    );
  });

  it('names cores and memory beyond the largest machine, and grants what fits', () => {
    expect(refusalReason([local], 'p1', { resourceType: 'cpu', count: 3, memoryMb: 1024 })).toContain(
      'This pool has 2 CPU cores; the largest CPU request it can ever grant is 2',
    );
    expect(refusalReason([local], 'p1', { resourceType: 'cpu', count: 1, memoryMb: 9_000 })).toContain(
      'largest machine in this pool has 8000 MB',
    );
    expect(refusalReason([local], 'p1', { resourceType: 'cpu', count: 2, memoryMb: 8_000 })).toBeNull();
  });

  it('explains when each resource exists but never on one machine', () => {
    const pool = [local, machine('gpu-box', 1, 4_000, 1, 'p1')];
    expect(refusalReason(pool, 'p1', { resourceType: 'gpu', count: 1, memoryMb: 6_000 })).toMatch(
      /^No single machine has 1 GPU and 6000 MB memory at once/,
    );
  });

  it('counts a remote worker only for the project that owns it', () => {
    const pool = [local, machine('gpu-box', 8, 64_000, 2, 'p1')];
    expect(refusalReason(pool, 'p1', { resourceType: 'gpu', count: 2, memoryMb: 0 })).toBeNull();
    expect(refusalReason(pool, 'p2', { resourceType: 'gpu', count: 1, memoryMb: 0 })).toMatch(/^This pool has 0 GPUs/);
  });
});

describe('schedule', () => {
  it('grants by priority, then first come first served', () => {
    const pool = [machine('local', 2, 8_000)];
    const q = [req('low-early'), req('high', { priority: 5 }), req('low-late'), req('high-late', { priority: 5 })];
    expect(granted(schedule(pool, [], q).decisions)).toEqual(['high', 'high-late']);
    expect(granted(schedule(pool, [held('x', 'local', { count: 1 })], q).decisions)).toEqual(['high']);
  });

  it('does not let a small request jump a blocked big one on the same machine (no backfill)', () => {
    const pool = [machine('local', 4, 8_000)];
    const { decisions } = schedule(pool, [held('h', 'local', { count: 2 })], [req('big', { count: 3 }), req('small', { count: 1 })]);
    expect(decisions).toEqual([
      { id: 'big', kind: 'wait', candidates: ['local'], ahead: [] },
      { id: 'small', kind: 'wait', candidates: ['local'], ahead: ['big'] },
    ]);
  });

  it('lets a request start on a machine the blocked one cannot use', () => {
    const pool = [machine('local', 2, 8_000), machine('gpu-box', 4, 16_000, 1, 'p1')];
    const holdings = [held('h', 'gpu-box', { resourceType: 'gpu', count: 1 })];
    const { decisions } = schedule(pool, holdings, [req('gpu', { resourceType: 'gpu', count: 1 }), req('cpu', { count: 2 })]);
    expect(decisions[0]).toMatchObject({ id: 'gpu', kind: 'wait', candidates: ['gpu-box'] });
    expect(decisions[1]).toEqual({ id: 'cpu', kind: 'grant', machineId: 'local' });
  });

  it('keeps CPU work off GPU machines while this machine has room', () => {
    const pool = [machine('gpu-box', 16, 64_000, 2, 'p1'), machine('local', 2, 8_000)];
    expect(schedule(pool, [], [req('c')]).decisions).toEqual([{ id: 'c', kind: 'grant', machineId: 'local' }]);
  });

  it('reports requests no online machine can hold without blocking others', () => {
    const pool = [machine('local', 2, 8_000)];
    const { decisions } = schedule(pool, [], [req('gpu', { resourceType: 'gpu', count: 1 }), req('cpu')]);
    expect(decisions).toEqual([
      { id: 'gpu', kind: 'no-machine' },
      { id: 'cpu', kind: 'grant', machineId: 'local' },
    ]);
  });
});

describe('why it waits', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const pool = [machine('local', 2, 8_000)];
  const info = (h: Holding, purpose: string, eta: Date | null): HoldingInfo => ({ ...h, purpose, jobId: null, eta, note: '' });

  it('names the short resource, its holders, the position, and an unknown ETA for open-ended holders', () => {
    const holdings = [info(held('alloc_a', 'local', { count: 2 }), 'smoke test', null)];
    const q = [
      { ...req('alloc_q1', { count: 1 }), purpose: '' },
      { ...req('alloc_q2', { count: 1 }), purpose: '' },
    ];
    const waits = explainWaits(pool, holdings, q, 'p1', now);
    const first = waits.get('alloc_q1')!;
    expect(first.position).toBe(1);
    expect(first.shortages).toMatchObject([
      { resource: 'cpu', need: 1, free: 0, capacity: 2, holders: [{ id: 'alloc_a', purpose: 'smoke test' }] },
    ]);
    expect(first.reason).toContain('short of CPU cores on this machine (test): needs 1, 0 of 2 free — held by alloc_a (smoke test)');
    expect(first.eta).toBeNull();
    expect(first.etaText).toBe('unknown — held by open-ended allocations: alloc_a (smoke test)');
    expect(waits.get('alloc_q2')!.position).toBe(2);
  });

  it('estimates the start from the holders’ job progress, replaying the queue', () => {
    const soon = new Date(now.getTime() + 60_000);
    const later = new Date(now.getTime() + 120_000);
    const holdings = [info(held('a', 'local', { count: 1 }), '', soon), info(held('b', 'local', { count: 1 }), '', later)];
    const q = [
      { ...req('q1', { count: 1 }), purpose: '' },
      { ...req('q2', { count: 1 }), purpose: '' },
      { ...req('q3', { count: 1 }), purpose: '' },
    ];
    const waits = explainWaits(pool, holdings, q, 'p1', now);
    expect(waits.get('q1')!.eta).toEqual(soon);
    expect(waits.get('q2')!.eta).toEqual(later);
    // q3 needs one of the requests that start along the way to end, and they have no known end.
    expect(waits.get('q3')!.eta).toBeNull();
  });

  it('hides other projects’ allocations behind a count', () => {
    const holdings = [info(held('theirs', 'local', { count: 2 }, 'p2'), 'secret', null)];
    const w = explainWaits(pool, holdings, [{ ...req('mine'), purpose: '' }], 'p1', now).get('mine')!;
    expect(w.reason).toContain('held by 1 allocation of another project');
    expect(JSON.stringify(w)).not.toContain('secret');
  });

  it('derives a holder’s end from its job progress', () => {
    const startedAt = new Date(now.getTime() - 60_000);
    expect(holderEta({ status: 'running', progress: 0.25, startedAt }, now).eta).toEqual(new Date(startedAt.getTime() + 240_000));
    expect(holderEta({ status: 'queued', progress: 0, startedAt: null }, now).eta).toBeNull();
    expect(holderEta({ status: 'succeeded', progress: 1, startedAt }, now).eta).toEqual(now);
    expect(holderEta(null, now).note).toMatch(/open-ended/);
  });
});
