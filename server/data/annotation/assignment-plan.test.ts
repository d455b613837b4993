// Assignment planning: overlap honoured with distinct raters, loads even, earlier rounds respected.
import { describe, expect, it } from 'vitest';
import { planEveryone, planRoundRobin, type ItemRaters } from './assignment-plan';

const items = (n: number, raters: string[][] = []): ItemRaters[] =>
  Array.from({ length: n }, (_, i) => ({ itemId: `i${i}`, raters: raters[i] ?? [] }));
const byItem = (plan: { itemId: string; userId: string }[]) => {
  const m = new Map<string, string[]>();
  for (const a of plan) m.set(a.itemId, [...(m.get(a.itemId) ?? []), a.userId]);
  return m;
};
const loads = (plan: { userId: string }[]) => {
  const m = new Map<string, number>();
  for (const a of plan) m.set(a.userId, (m.get(a.userId) ?? 0) + 1);
  return m;
};

describe('round-robin assignment', () => {
  it('gives every item `overlap` distinct raters and spreads the load evenly', () => {
    const plan = planRoundRobin(items(10), ['a', 'b', 'c'], 2);
    expect(plan.shortItems).toBe(0);
    expect(plan.assignments).toHaveLength(20);
    for (const raters of byItem(plan.assignments).values()) {
      expect(raters).toHaveLength(2);
      expect(new Set(raters).size).toBe(2);
    }
    const l = [...loads(plan.assignments).values()];
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
  });

  it('counts existing raters towards overlap and load, and never assigns someone twice to an item', () => {
    const plan = planRoundRobin(items(4, [['a'], ['a', 'b'], [], ['x']]), ['a', 'b', 'c'], 2, new Map([['a', 5]]));
    const m = byItem(plan.assignments);
    expect(m.get('i0')).toHaveLength(1);
    expect(m.get('i0')).not.toContain('a');
    expect(m.has('i1')).toBe(false); // already has two
    expect(m.get('i2')).toHaveLength(2);
    expect(m.get('i3')).toHaveLength(1); // 'x' is outside the pool but still counts
    expect(plan.assignments.filter((a) => a.userId === 'a')).toHaveLength(0); // a is far more loaded than b and c
  });

  it('reports items it cannot fill when the pool is smaller than the overlap', () => {
    const plan = planRoundRobin(items(3), ['a', 'b'], 3);
    expect(plan.shortItems).toBe(3);
    expect(plan.assignments).toHaveLength(6);
  });

  it('is deterministic and rotates who goes first', () => {
    const a = planRoundRobin(items(3), ['a', 'b', 'c'], 1);
    expect(a.assignments.map((x) => x.userId)).toEqual(['a', 'b', 'c']);
    expect(planRoundRobin(items(3), ['a', 'b', 'c'], 1)).toEqual(a);
  });
});

describe('everyone rates everything', () => {
  it('adds only the missing (item, rater) pairs', () => {
    const plan = planEveryone(items(2, [['a']]), ['a', 'b']);
    expect(plan).toEqual([
      { itemId: 'i0', userId: 'b' },
      { itemId: 'i1', userId: 'a' },
      { itemId: 'i1', userId: 'b' },
    ]);
  });
});
