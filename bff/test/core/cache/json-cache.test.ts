import { JsonCache } from '../../../src/core/cache/json-cache.js';

describe('JsonCache', () => {
  let now = 0;
  const cache = () => new JsonCache({ ttlMs: 1000, maxEntries: 3, now: () => now });

  it('serves the serialised text until it expires', async () => {
    const c = cache();
    let loads = 0;
    const load = async () => ({ value: { n: ++loads } });
    expect(await c.get('a', load)).toBe('{"n":1}');
    now += 999;
    expect(await c.get('a', load)).toBe('{"n":1}');
    now += 1;
    expect(await c.get('a', load)).toBe('{"n":2}');
    expect(c.hits).toBe(1);
  });

  it('shares one load between concurrent misses', async () => {
    const c = cache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { value: loads };
    };
    const all = await Promise.all(Array.from({ length: 20 }, () => c.get('k', load)));
    expect(new Set(all)).toEqual(new Set(['1']));
    expect(loads).toBe(1);
  });

  it('drops every view with an invalidated tag, and keeps no view whose load an invalidation overtook', async () => {
    const c = cache();
    await c.get('detail', async () => ({ value: 1, tags: ['schedule:1'] }));
    await c.get('list', async () => ({ value: 2, tags: ['schedule:1', 'schedule:2'] }));
    await c.get('other', async () => ({ value: 3, tags: ['schedule:3'] }));
    c.invalidateTag('schedule:1');
    expect(c.peek('detail')).toBeNull();
    expect(c.peek('list')).toBeNull();
    expect(c.peek('other')).toBe('3');

    let release!: () => void;
    const slow = c.get('detail', async () => {
      await new Promise<void>((r) => (release = r));
      return { value: 'old', tags: ['schedule:1'] };
    });
    await new Promise((r) => setTimeout(r, 0));
    c.invalidateTag('schedule:1');
    release();
    expect(await slow).toBe('"old"');
    expect(c.peek('detail')).toBeNull();
  });

  it('does not cache failures and stays within its size bound', async () => {
    const c = cache();
    await expect(
      c.get('x', async () => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(c.peek('x')).toBeNull();
    for (const k of ['a', 'b', 'c', 'd']) await c.get(k, async () => ({ value: k }));
    expect(c.size).toBe(3);
    expect(c.peek('a')).toBeNull();
    expect(c.peek('d')).toBe('"d"');
  });
});
