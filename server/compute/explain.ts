// Why a queued request waits, as pure functions: which resource is short on which machine, what holds it, its place in
// the queue, and when it should start — found by replaying the scheduler as holders with a known end release.
import { type Capacity, type Machine } from './pool';
import { describeNeed, needOf, schedule, type Holding, type Queued } from './placement';

export type HoldingInfo = Holding & { purpose: string; jobId: string | null; eta: Date | null; note: string };
export type QueuedInfo = Queued & { purpose: string };

/** Another project's allocation is shown without its id or purpose: only that it exists. */
export type HolderView = { id: string | null; own: boolean; purpose: string; jobId: string | null; eta: Date | null; note: string };
export type Shortage = {
  machineId: string;
  machineName: string;
  resource: 'cpu' | 'memory' | 'gpu';
  need: number;
  free: number;
  capacity: number;
  holders: HolderView[];
};
export type WaitExplanation = {
  id: string;
  /** 1 = next to start on the machines it can use. */
  position: number;
  ahead: { id: string | null; own: boolean; purpose: string }[];
  shortages: Shortage[];
  reason: string;
  eta: Date | null;
  etaText: string;
};

const KEY: Record<Shortage['resource'], keyof Capacity> = { cpu: 'cpus', memory: 'memoryMb', gpu: 'gpus' };
const UNIT: Record<Shortage['resource'], string> = { cpu: 'CPU cores', memory: 'MB memory', gpu: 'GPUs' };

/** When a holder's job should end, from its progress so far; null when nothing tells (no job, or no progress yet). */
export function holderEta(
  job: { status: string; progress: number; startedAt: Date | null } | null,
  now: Date,
): { eta: Date | null; note: string } {
  if (!job) return { eta: null, note: 'open-ended (not tied to a job)' };
  if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return { eta: now, note: `its job ${job.status}: being released` };
  if (job.status === 'running' && job.startedAt && job.progress >= 0.01) {
    const elapsed = now.getTime() - job.startedAt.getTime();
    const eta = new Date(job.startedAt.getTime() + elapsed / job.progress);
    return { eta, note: `its job is ${Math.round(job.progress * 100)}% done` };
  }
  return { eta: null, note: job.status === 'queued' ? 'its job has not started yet' : 'its job has reported no progress yet' };
}

export function explainWaits(
  machines: Machine[],
  holdings: HoldingInfo[],
  queued: QueuedInfo[],
  viewer: string,
  now: Date,
): Map<string, WaitExplanation> {
  const { decisions, free } = schedule(machines, holdings, queued);
  const starts = simulateStarts(machines, holdings, queued, now);
  const byId = new Map(queued.map((q) => [q.id, q]));
  const machineById = new Map(machines.map((m) => [m.id, m]));
  const view = (h: HoldingInfo): HolderView =>
    h.projectId === viewer
      ? { id: h.id, own: true, purpose: h.purpose, jobId: h.jobId, eta: h.eta, note: h.note }
      : { id: null, own: false, purpose: '', jobId: null, eta: h.eta, note: h.note };
  const out = new Map<string, WaitExplanation>();

  for (const d of decisions) {
    const r = byId.get(d.id)!;
    if (r.projectId !== viewer) continue;
    const need = needOf(r);
    const eta = starts.get(r.id) ?? null;
    if (d.kind === 'grant') {
      out.set(r.id, {
        id: r.id,
        position: 1,
        ahead: [],
        shortages: [],
        reason: 'Capacity is free: it starts at the next scheduling pass, within seconds.',
        eta: now,
        etaText: 'within seconds',
      });
      continue;
    }
    if (d.kind === 'no-machine') {
      const reason = `No machine online can hold ${describeNeed(need)}: the machine it was sized for has gone offline. It waits until one announces itself again.`;
      out.set(r.id, {
        id: r.id,
        position: 1,
        ahead: [],
        shortages: [],
        reason,
        eta: null,
        etaText: 'unknown — no machine online is big enough',
      });
      continue;
    }
    const shortages: Shortage[] = [];
    for (const mid of d.candidates) {
      const m = machineById.get(mid)!;
      const room = free.get(mid)!;
      for (const resource of ['gpu', 'cpu', 'memory'] as const) {
        const k = KEY[resource];
        if (need[k] <= room[k]) continue;
        const holders = holdings.filter((h) => h.machineId === mid && h.need[k] > 0).map(view);
        shortages.push({
          machineId: mid,
          machineName: m.name,
          resource,
          need: need[k],
          free: Math.max(0, room[k]),
          capacity: m.capacity[k],
          holders,
        });
      }
    }
    const ahead = d.ahead.map((id) => {
      const a = byId.get(id)!;
      return a.projectId === viewer ? { id, own: true, purpose: a.purpose } : { id: null, own: false, purpose: '' };
    });
    out.set(r.id, {
      id: r.id,
      position: ahead.length + 1,
      ahead,
      shortages,
      reason: waitReason(need, shortages, ahead),
      eta,
      etaText: eta ? 'estimated from the progress of the jobs holding it' : unknownEta(shortages, ahead),
    });
  }
  return out;
}

function holderList(holders: HolderView[]): string {
  const own = holders.filter((h) => h.own).map((h) => (h.purpose ? `${h.id} (${h.purpose})` : h.id!));
  const others = holders.length - own.length;
  if (others) own.push(others === 1 ? '1 allocation of another project' : `${others} allocations of other projects`);
  return own.join(', ');
}

function waitReason(need: Capacity, shortages: Shortage[], ahead: WaitExplanation['ahead']): string {
  const parts = shortages.map((s) => {
    const held = s.holders.length ? ` — held by ${holderList(s.holders)}` : '';
    return `short of ${UNIT[s.resource]} on ${s.machineName}: needs ${s.need}, ${s.free} of ${s.capacity} free${held}`;
  });
  if (ahead.length) {
    const names = ahead.map((a) => (a.own ? a.id : 'a request of another project'));
    parts.push(`behind ${names.join(', ')} in the queue (no request jumps a blocked one)`);
  }
  return `Waiting for ${describeNeed(need)}: ${parts.join('; ')}.`;
}

function unknownEta(shortages: Shortage[], ahead: WaitExplanation['ahead']): string {
  const open = shortages.flatMap((s) => s.holders).filter((h) => !h.eta);
  const unique = [...new Map(open.map((h, i) => [h.id ?? `other-${i}`, h])).values()];
  if (unique.length) return `unknown — held by open-ended allocations: ${holderList(unique)}`;
  if (ahead.length) return 'unknown — waits for the requests ahead of it to start';
  return 'unknown';
}

/**
 * Replays the queue forward: at each holder's estimated end, free its capacity and run the scheduler again. Requests
 * granted along the way hold their share open-endedly (their run time is unknown), which is what makes estimates honest.
 */
export function simulateStarts(machines: Machine[], holdings: HoldingInfo[], queued: QueuedInfo[], now: Date): Map<string, Date> {
  const starts = new Map<string, Date>();
  let held: Holding[] = [...holdings];
  let waiting = [...queued];
  const ends = holdings.filter((h) => h.eta).sort((a, b) => a.eta!.getTime() - b.eta!.getTime());
  for (const end of ends) {
    if (waiting.length === 0) break;
    held = held.filter((h) => h.id !== end.id);
    const at = end.eta!.getTime() < now.getTime() ? now : end.eta!;
    for (const d of schedule(machines, held, waiting).decisions) {
      if (d.kind !== 'grant') continue;
      const r = waiting.find((w) => w.id === d.id)!;
      starts.set(r.id, at);
      held.push({ id: r.id, projectId: r.projectId, machineId: d.machineId, need: needOf(r) });
    }
    waiting = waiting.filter((w) => !starts.has(w.id));
  }
  return starts;
}
