import type { EditionRootMarker } from './types';

/** Browser: a class on <html> lets app.scss size Taro's tab bar, which is drawn outside every page. */
export const markEditionRoot: EditionRootMarker = (edition) => {
  document.documentElement.classList.toggle('edition-elder', edition === 'elder');
};
