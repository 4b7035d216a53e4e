import type { PersonOrder } from './identity-limits.js';

/** A person cannot hold two live bookings whose visits overlap in time (at any hospital). */
export function overlapsLiveVisit(orders: PersonOrder[], startsAt: number, endsAt: number): boolean {
  return orders.some((o) => o.live && o.startsAt < endsAt && startsAt < o.endsAt);
}
