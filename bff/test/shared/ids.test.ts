import { newId } from '../../src/shared/ids.js';

describe('newId', () => {
  it('gives distinct RFC 9562 version-7 ids, ordered by millisecond', async () => {
    const first = Array.from({ length: 5000 }, newId);
    expect(new Set(first).size).toBe(5000);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await new Promise((r) => setTimeout(r, 3));
    const later = newId();
    expect(first.every((id) => id.slice(0, 13) < later.slice(0, 13))).toBe(true);
  });
});
