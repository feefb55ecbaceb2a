import { beforeEach, describe, expect, it } from 'vitest';
import { forgetFacts, memoizedFacts } from './memo.server';

beforeEach(() => forgetFacts());

describe('memoizedFacts', () => {
  it('computes an answer once per refresh, and again after the next refresh', async () => {
    let computed = 0;
    const compute = async () => ++computed;
    expect(await memoizedFacts('2026-11-23T10:00:00.000Z', 'cards|city', compute)).toBe(1);
    expect(await memoizedFacts('2026-11-23T10:00:00.000Z', 'cards|city', compute)).toBe(1);
    expect(await memoizedFacts('2026-11-23T10:00:00.000Z', 'cards|cluster', compute)).toBe(2);
    // The next refresh: nothing of the previous one is answered any more.
    expect(await memoizedFacts('2026-11-23T10:00:30.000Z', 'cards|city', compute)).toBe(3);
    expect(await memoizedFacts('2026-11-23T10:00:30.000Z', 'cards|cluster', compute)).toBe(4);
  });

  it('shares one computation between requests asking at the same time', async () => {
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      computed++;
      await gate;
      return 'facts';
    };
    const both = Promise.all([memoizedFacts('v1', 'k', compute), memoizedFacts('v1', 'k', compute)]);
    release();
    expect(await both).toEqual(['facts', 'facts']);
    expect(computed).toBe(1);
  });

  it('does not keep a failed computation', async () => {
    await expect(memoizedFacts('v1', 'k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await memoizedFacts('v1', 'k', async () => 'recovered')).toBe('recovered');
  });

  it('keeps at most 200 answers, dropping the least recently used', async () => {
    let computed = 0;
    const compute = async () => ++computed;
    await memoizedFacts('v1', 'first', compute);
    for (let i = 0; i < 199; i++) await memoizedFacts('v1', `k${i}`, compute);
    await memoizedFacts('v1', 'first', compute); // used again: now the most recent
    await memoizedFacts('v1', 'one more', compute); // 201 asked for: k0 goes
    expect(computed).toBe(201);
    await memoizedFacts('v1', 'first', compute);
    expect(computed).toBe(201);
    await memoizedFacts('v1', 'k0', compute);
    expect(computed).toBe(202);
  });
});
