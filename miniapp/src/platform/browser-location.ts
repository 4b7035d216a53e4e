/**
 * The browser's address, for H5 code that leaves the app for another site which sends the patient
 * back (a payment cashier). In a module of its own because jsdom cannot leave a page: the page
 * tests put a recording in its place, as they do for Taro's navigation.
 */
export const browserLocation = {
  current: (): string => window.location.href,
  leaveFor: (url: string): void => window.location.assign(url),
};
