// Who rates what: spreading a queue's items over raters so each item gets `overlap` distinct raters and loads stay even.
// Pure, so the rule is tested on its own and the database code only reads inputs and writes the plan.

export type ItemRaters = { itemId: string; raters: readonly string[] };
export type PlannedAssignment = { itemId: string; userId: string };
export type RoundRobinPlan = {
  assignments: PlannedAssignment[];
  /** items that could not reach `overlap` from this pool */ shortItems: number;
};

/**
 * Round-robin honouring overlap: items in queue order; each still short of `overlap` raters takes the least-loaded
 * raters of the pool who do not rate it yet, ties going to whoever comes next in the rotation. Existing assignments
 * (from earlier rounds, or by other raters outside the pool) count towards both overlap and load.
 */
export function planRoundRobin(
  items: readonly ItemRaters[],
  pool: readonly string[],
  overlap: number,
  existingLoad: ReadonlyMap<string, number> = new Map(),
): RoundRobinPlan {
  const raters = [...new Set(pool)];
  const load = new Map(raters.map((r) => [r, existingLoad.get(r) ?? 0]));
  const assignments: PlannedAssignment[] = [];
  let shortItems = 0;
  let next = 0; // rotation pointer into `raters`
  for (const item of items) {
    const taken = new Set(item.raters);
    const need = overlap - taken.size;
    if (need <= 0) continue;
    const candidates = raters
      .map((r, i) => ({ r, i, rank: (i - next + raters.length) % raters.length }))
      .filter((c) => !taken.has(c.r))
      .sort((a, b) => load.get(a.r)! - load.get(b.r)! || a.rank - b.rank);
    const chosen = candidates.slice(0, need);
    if (chosen.length < need) shortItems++;
    for (const c of chosen) {
      assignments.push({ itemId: item.itemId, userId: c.r });
      load.set(c.r, load.get(c.r)! + 1);
    }
    if (chosen.length) next = (chosen[chosen.length - 1]!.i + 1) % raters.length;
  }
  return { assignments, shortItems };
}

/** Every listed rater gets every item they do not rate yet (e.g. a calibration set everyone rates). */
export function planEveryone(items: readonly ItemRaters[], raters: readonly string[]): PlannedAssignment[] {
  const out: PlannedAssignment[] = [];
  for (const item of items) {
    const taken = new Set(item.raters);
    for (const r of new Set(raters)) if (!taken.has(r)) out.push({ itemId: item.itemId, userId: r });
  }
  return out;
}
