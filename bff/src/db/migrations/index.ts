import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { Payments1763900000000 } from './1763900000000-payments.js';

/** Every migration, oldest first. Listed explicitly: no file globbing at run time. */
export const MIGRATIONS = [InitialSchema1763800000000, Payments1763900000000];
