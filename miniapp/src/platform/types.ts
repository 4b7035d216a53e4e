import type { PayChannel, PayScene, PaymentTicket, Platform } from '@cityhealth/shared-types';

/**
 * What differs between WeChat, Alipay, Baidu and H5, behind one interface: each part has a
 * `*.weapp.ts`, `*.alipay.ts`, `*.swan.ts` and `*.h5.ts` file, which Taro picks for its target at
 * build time. The base file (`login.ts`, `payment.ts`, …) always means the browser: it re-exports
 * the `*.h5.ts` one, so the page tests (jsdom) run what the H5 app runs.
 */
export interface PlatformLogin {
  /** The mini-program identity this build logs in with; null in H5 (phone + SMS code only). */
  platform: Platform | null;
  /** The button text, e.g. 微信一键登录. */
  label: string;
  /** A one-time login code from the platform (wx.login, my.getAuthCode, swan.getLoginCode). */
  getCode(): Promise<string>;
}

/** redirected: the browser is on its way to the channel's cashier page and comes back by itself. */
export type PaymentOutcome = 'paid' | 'cancelled' | 'redirected';

export interface PlatformPayment {
  /** The channel the BFF opens a trade on for this build; null where online payment is not offered. */
  channel: PayChannel | null;
  /** miniprogram: the platform's own payment call; h5: the channel's cashier page. */
  scene: PayScene;
  /** Opens the platform's cashier with the BFF's ticket; resolves when the patient leaves it. */
  pay(ticket: PaymentTicket): Promise<PaymentOutcome>;
}

/** The platform's own large-font setting as a factor (1 = normal), where the platform exposes it. */
export type FontScaleReader = () => number;

/**
 * The props that make a View a button: the tap handler and its role everywhere; in the browser
 * also a place in the tab order and Enter/Space, so keyboard and screen-reader users reach it.
 */
export type TapRole = 'button' | 'checkbox' | 'radio' | 'tab';

export interface TapProps {
  role: TapRole;
  onClick: () => void;
  tabIndex?: number;
  onKeyDown?: (e: { key: string; preventDefault(): void }) => void;
}

export type TapPropsFactory = (onTap: () => void, role?: TapRole) => TapProps;

/**
 * Consent to notifications where the platform asks for it: WeChat's one-time subscription
 * (`wx.requestSubscribeMessage`, called from the patient's tap); Alipay, Baidu and H5 ask nothing.
 */
export interface PlatformNoticeConsent {
  /** Whether this platform asks (and so needs the template ids from the BFF). */
  asks: boolean;
  /** Shows the platform's prompt for these templates; resolves with the ones the patient accepted. */
  ask(templateIds: readonly string[]): Promise<string[]>;
}

/** A file the platform downloads itself with the session's header (the API answers the bytes). */
export interface PdfRequest {
  url: string;
  header: Record<string, string>;
  /** The document's name, e.g. 血常规报告.pdf. */
  title: string;
}

/**
 * Opens a report's PDF: the mini-programs download it (`downloadFile` with the header) and open it
 * in their document viewer (`openDocument`); the browser fetches it as a blob and opens that. The
 * request is asked for inside (it may renew the session), after the platform has what it needs
 * from the patient's tap (a browser opens its new tab then, or blocks it).
 */
export interface PlatformPdf {
  open(request: () => Promise<PdfRequest>): Promise<void>;
}

/**
 * Whether a page draws its own back header. The mini-programs have the platform's navigation bar
 * with its back arrow; H5 runs in browsers and in other apps' web views, some of which show none.
 */
export interface PlatformNavigation {
  drawsBackHeader: boolean;
}

/**
 * Whose tab bar the tab pages show. WeChat and Alipay host the app's own (custom-tab-bar) in the
 * platform's place; Baidu has no custom tab bar, so its native one is hidden and the tab pages draw
 * the app's bar themselves; H5 keeps Taro's bar, styled per edition.
 */
export interface PlatformTabBar {
  /** The app's own bar is on screen, fixed at the bottom: tab pages leave room for all of it. */
  drawsOwnBar: boolean;
  /** The tab pages render the bar inside the page (there is no custom tab bar to host it). */
  inPage: boolean;
  /** Called each time a tab page shows: hides the platform's own bar where the page draws one. */
  onTabPageShow(): void;
}

/**
 * Marks the document with the edition, for what is drawn outside the pages: Taro's H5 tab bar.
 * The mini-programs' custom tab bar reads the edition itself.
 */
export type EditionRootMarker = (edition: 'standard' | 'elder') => void;

/** A place to call or find: a hospital. */
export interface Place {
  name: string;
  address: string;
  phone: string;
  /** GCJ-02 degrees, when the hospital's location is known. */
  location?: { latitude: number; longitude: number };
}

/**
 * Calling a hospital and finding it: the mini-programs' own dialler (`makePhoneCall`) and map
 * (`openLocation`, which needs coordinates: without them the address is copied for the patient's
 * map app); the browser a tel: link and a map page.
 */
export interface PlatformContact {
  call(place: Place): Promise<void>;
  showOnMap(place: Place): Promise<void>;
}
