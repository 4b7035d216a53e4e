import type { EditionRootMarker } from './types';

/** No document here: the custom tab bar (or the platform's own) follows the edition by itself. */
export const markEditionRoot: EditionRootMarker = () => undefined;
