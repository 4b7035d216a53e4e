import type { PlatformNavigation } from './types';

/** The mini-program's own navigation bar has the back arrow. */
export const platformNavigation: PlatformNavigation = { drawsBackHeader: false };
