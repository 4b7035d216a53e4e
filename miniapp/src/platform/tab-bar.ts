/** The base file is the browser's (H5) behaviour, for the H5 build and the page tests (see types.ts). */
export { platformTabBar } from './tab-bar.h5';
