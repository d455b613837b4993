// The scheduling rules, as pure functions over machines and allocations: when a request can never fit (and why),
// and which queued requests start now and where. The database layer and the "why it waits" simulation both use them.
//
// Order: higher priority first, first come first served within a priority (`seq`).
// No backfill: once a request is blocked, no request behind it may start on any machine the blocked one could use,
// even a small one that would fit today. Allocations are open-ended (no known duration), so a backfilled request could
// hold the blocked one back forever; strict order makes a big request's wait bounded by the holders ahead of it.
// Requests that could only ever run on other machines are not held back: they do not compete for the same capacity.
import { addCap, fitsIn, subCap, ZERO, type Capacity, type Machine } from './pool';

export type ResourceRequest = { resourceType: 'cpu' | 'gpu'; count: number; memoryMb: number };
export type Queued = ResourceRequest & { id: string; projectId: string; priority: number; seq: number };
export type Holding = { id: string; projectId: string; machineId: string; need: Capacity };

export type Decision =
  | { id: string; kind: 'grant'; machineId: string }
  /** `candidates`: machines big enough for it; `ahead`: earlier waiting requests that compete for one of them. */
  | { id: string; kind: 'wait'; candidates: string[]; ahead: string[] }
  /** No machine online now is big enough (e.g. the remote worker it was queued for went away). */
  | { id: string; kind: 'no-machine' };

/** A CPU request takes cores and host memory; a GPU request takes whole GPUs and host memory. */
export const needOf = (r: ResourceRequest): Capacity =>
  r.resourceType === 'gpu' ? { cpus: 0, memoryMb: r.memoryMb, gpus: r.count } : { cpus: r.count, memoryMb: r.memoryMb, gpus: 0 };

export const servesProject = (m: Machine, projectId: string) => m.projectId === null || m.projectId === projectId;

export const queueOrder = (a: { priority: number; seq: number }, b: { priority: number; seq: number }) =>
  b.priority - a.priority || a.seq - b.seq;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeNeed(c: Capacity): string {
  const parts: string[] = [];
  if (c.gpus) parts.push(plural(c.gpus, 'GPU'));
  if (c.cpus) parts.push(plural(c.cpus, 'CPU core'));
  parts.push(`${c.memoryMb} MB memory`);
  return parts.join(' and ');
}

/** Why a request can never be granted by this project's pool, or null when some machine is big enough. */
export function refusalReason(machines: Machine[], projectId: string, r: ResourceRequest): string | null {
  const pool = machines.filter((m) => servesProject(m, projectId));
  const need = needOf(r);
  if (pool.some((m) => fitsIn(need, m.capacity))) return null;
  const total = pool.reduce((sum, m) => addCap(sum, m.capacity), ZERO);
  const largest = (k: keyof Capacity) => Math.max(0, ...pool.map((m) => m.capacity[k]));
  const parts: string[] = [];
  if (need.gpus > largest('gpus')) {
    parts.push(`This pool has ${plural(total.gpus, 'GPU')}; the largest GPU request it can ever grant is ${largest('gpus')}`);
    if (total.gpus === 0) parts.push('Connect a remote worker with GPUs through the worker route, or request CPU cores');
  }
  if (need.cpus > largest('cpus')) {
    parts.push(
      `This pool has ${plural(total.cpus, 'CPU core')}; the largest CPU request it can ever grant is ${largest('cpus')} (an allocation runs on one machine)`,
    );
  }
  if (need.memoryMb > largest('memoryMb')) {
    parts.push(`The largest machine in this pool has ${largest('memoryMb')} MB of memory; ask for at most that much`);
  }
  if (parts.length === 0) {
    const each = pool.map((m) => `${m.name} has ${describeNeed(m.capacity)}`).join('; ');
    parts.push(`No single machine has ${describeNeed(need)} at once: ${each}`);
  }
  return `${parts.join('. ')}.`;
}

/** Free capacity per machine once the holdings are taken out (holdings on machines no longer online are ignored). */
export function freeByMachine(machines: Machine[], holdings: Holding[]): Map<string, Capacity> {
  const free = new Map(machines.map((m) => [m.id, m.capacity]));
  for (const h of holdings) {
    const room = free.get(h.machineId);
    if (room) free.set(h.machineId, subCap(room, h.need));
  }
  return free;
}

/**
 * Decides, for every queued request in queue order, whether it starts now and where, or what it waits for.
 * `queued` may come in any order; holdings granted by this pass are accounted for before the next request.
 */
export function schedule(
  machines: Machine[],
  holdings: Holding[],
  queued: Queued[],
): { decisions: Decision[]; free: Map<string, Capacity> } {
  const free = freeByMachine(machines, holdings);
  const waiting: { id: string; candidates: Set<string> }[] = [];
  const reserved = new Set<string>();
  const decisions: Decision[] = [];
  for (const r of [...queued].sort(queueOrder)) {
    const need = needOf(r);
    const candidates = machines.filter((m) => servesProject(m, r.projectId) && fitsIn(need, m.capacity));
    if (candidates.length === 0) {
      decisions.push({ id: r.id, kind: 'no-machine' });
      continue;
    }
    const open = candidates.filter((m) => !reserved.has(m.id) && fitsIn(need, free.get(m.id)!));
    const chosen = pick(open, need, free);
    if (chosen) {
      free.set(chosen.id, subCap(free.get(chosen.id)!, need));
      decisions.push({ id: r.id, kind: 'grant', machineId: chosen.id });
      continue;
    }
    const ids = new Set(candidates.map((m) => m.id));
    const ahead = waiting.filter((w) => [...w.candidates].some((c) => ids.has(c))).map((w) => w.id);
    decisions.push({ id: r.id, kind: 'wait', candidates: [...ids], ahead });
    waiting.push({ id: r.id, candidates: ids });
    for (const c of ids) reserved.add(c);
  }
  return { decisions, free };
}

/** CPU work goes to machines without GPUs first (keep GPU boxes for GPU work), this machine before remote ones, then the tightest fit. */
function pick(open: Machine[], need: Capacity, free: Map<string, Capacity>): Machine | undefined {
  const key = (m: Machine) => {
    const left = subCap(free.get(m.id)!, need);
    return [need.gpus === 0 ? m.capacity.gpus : 0, m.kind === 'local' ? 0 : 1, left.gpus, left.cpus, left.memoryMb];
  };
  return [...open].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  })[0];
}
