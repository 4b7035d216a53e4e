import { ImageTickets } from '../../src/records/image-tickets.js';
import { ManualClock } from '../../src/shared/clock.js';

describe('image tickets', () => {
  const clock = new ManualClock(Date.parse('2026-12-01T08:00:00Z'));
  const tickets = new ImageTickets(new Uint8Array(Buffer.from('a'.repeat(48))), clock);
  const image = { hospitalId: 'h1', studyUid: '2.25.1', seriesUid: '2.25.2', instanceUid: '2.25.3' };

  it('opens the one image it names until it expires', () => {
    const token = tickets.issue(image, clock.now() + 60_000);
    expect(tickets.open(token)).toEqual(image);
    clock.advance(61_000);
    expect(() => tickets.open(token)).toThrow(expect.objectContaining({ code: 'IMAGE_LINK_EXPIRED' }));
  });

  it('refuses a changed ticket and one signed with another key', () => {
    const token = tickets.issue(image, clock.now() + 60_000);
    const [h, p, s] = token.split('.');
    const changed = JSON.parse(Buffer.from(p!, 'base64url').toString());
    changed.i = '2.25.4';
    const forged = `${h}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${s}`;
    expect(() => tickets.open(forged)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const other = new ImageTickets(new Uint8Array(Buffer.from('b'.repeat(48))), clock);
    expect(() => tickets.open(other.issue(image, clock.now() + 60_000))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
