/**
 * The browser's address in page tests (in place of src/platform/browser-location.ts): jsdom
 * cannot leave a page, so the addresses the app sends the browser to are recorded instead.
 */
export const departures: string[] = [];

export const resetDepartures = (): void => {
  departures.length = 0;
};

export const browserLocation = {
  current: (): string => window.location.href,
  leaveFor: (url: string): void => void departures.push(url),
};
