import { describe, expect, it } from 'vitest';
import { RunIndex } from './run-index';

/** Up to `limit` kept events under a band key (added at or after item `since`), newest first, as the cleaner walks a bucket. */
function bucket(index: RunIndex, key: number, limit: number, since = 0): number[] {
  const out: number[] = [];
  for (let e = index.first(key, since); e !== -1 && out.length < limit; e = index.after(e, key, since)) out.push(index.itemOf(e));
  return out;
}

/** Four kept events over two bands; `key` and `sameSlot` share a head slot (16 bits of slot at least) and differ in the tag. */
function sharedSlotIndex() {
  const index = new RunIndex(2, 10);
  const key = 0x1234;
  const sameSlot = key + 2 ** 16;
  index.add('old', 0, 1, [key, 99]);
  index.add('other', 1, 2, [sameSlot, 98]);
  index.add('mid', 2, 3, [5, key]);
  index.add('new', 3, 4, [key, 97]);
  return { index, key, sameSlot };
}

describe('RunIndex', () => {
  it('finds the first kept event of an exact key, telling apart keys that share their low 32 bits', () => {
    const index = new RunIndex(4, 10);
    index.add('a', 0, 2 ** 40 + 7, []);
    index.add('b', 3, 7, []);
    index.add('c', 5, 2 ** 40 + 7, []);
    index.add('évt_ünïcode_✓', 6, 9, []);
    expect(index.id(index.exactItem(2 ** 40 + 7))).toBe('a');
    expect(index.id(index.exactItem(7))).toBe('b');
    expect(index.exactItem(8)).toBe(-1);
    expect(index.id(index.exactItem(9))).toBe('évt_ünïcode_✓');
    expect(index.ord(index.exactItem(7))).toBe(3);
  });

  it('walks a bucket newest first up to the limit, and never mixes keys that share a head slot', () => {
    const { index, key, sameSlot } = sharedSlotIndex();
    const ids = (key: number, limit = 10) => bucket(index, key, limit).map((i) => index.id(i));
    expect(ids(key)).toEqual(['new', 'mid', 'old']);
    expect(ids(key, 2)).toEqual(['new', 'mid']);
    expect(ids(sameSlot)).toEqual(['other']);
    expect(ids(0xffffffff)).toEqual([]);
  });

  it('keeps everything findable past the events it was sized for, and short texts (no bands) take no bucket', () => {
    const index = new RunIndex(3, 1);
    for (let i = 0; i < 5000; i++) index.add(`e${i}`, i, i * 31 + 2 ** 33, i % 7 === 0 ? [] : [i % 50, 1000 + i, 0xfffffff0 - i]);
    expect(index.size).toBe(5000);
    expect(index.id(index.exactItem(4999 * 31 + 2 ** 33))).toBe('e4999');
    expect(bucket(index, 0xfffffff0 - 4997, 5).map((i) => index.id(i))).toEqual(['e4997']);
    expect(bucket(index, 0xfffffff0 - 4998, 5)).toEqual([]);
    const walked = bucket(index, 7, 1000).map((i) => index.id(i));
    // i % 50 === 7 and i % 7 !== 0: newest first.
    const expected = Array.from({ length: 5000 }, (_, i) => i)
      .filter((i) => i % 50 === 7 && i % 7 !== 0)
      .reverse()
      .map((i) => `e${i}`);
    expect(walked).toEqual(expected);
  });

  it('walks only the entries added since an item, stopping at the first older one whatever its key', () => {
    const { index, key, sameSlot } = sharedSlotIndex();
    index.add('newer', 4, 5, [sameSlot, 96]);
    const since = (key: number, from: number) => bucket(index, key, 10, from).map((i) => index.id(i));
    expect(since(key, 0)).toEqual(['new', 'mid', 'old']);
    expect(since(key, 2)).toEqual(['new', 'mid']);
    expect(since(key, 3)).toEqual(['new']);
    expect(since(key, 4)).toEqual([]);
    expect(since(sameSlot, 2)).toEqual(['newer']);
    expect(since(sameSlot, 0)).toEqual(['newer', 'other']);
    expect(since(key, 5)).toEqual([]);
  });
});
