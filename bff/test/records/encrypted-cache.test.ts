import { EncryptedCache } from '../../src/records/encrypted-cache.js';

describe('the records cache', () => {
  it('keeps what was read encrypted, shares one load between callers, and keeps no failure', async () => {
    const cache = new EncryptedCache(60_000, 1024 * 1024);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { result: '白细胞 11.2 偏高' };
    };
    const [a, b] = await Promise.all([cache.json('k', load), cache.json('k', load)]);
    expect(a).toEqual(b);
    expect(loads).toBe(1);
    expect(await cache.json('k', load)).toEqual({ result: '白细胞 11.2 偏高' });
    expect(loads).toBe(1);
    // What the cache holds is ciphertext: the text appears nowhere in it.
    const held = (cache as unknown as { entries: { get(k: string): Buffer } }).entries.get('k');
    expect(held.toString('utf8')).not.toContain('偏高');
    expect(held.includes(Buffer.from('11.2'))).toBe(false);

    await expect(cache.json('bad', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.json('bad', async () => 'ok')).toBe('ok');
    const empty = await cache.json(
      'empty',
      async () => [] as number[],
      (v) => v.length > 0,
    );
    expect(empty).toEqual([]);
    expect(
      await cache.json(
        'empty',
        async () => [1],
        (v) => v.length > 0,
      ),
    ).toEqual([1]);
  });

  it('keeps nothing with a TTL of 0', async () => {
    const cache = new EncryptedCache(0, 1024);
    let loads = 0;
    await cache.json('k', async () => ++loads);
    await cache.json('k', async () => ++loads);
    expect(loads).toBe(2);
  });
});
