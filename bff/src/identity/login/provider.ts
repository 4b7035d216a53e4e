import type { Platform } from '@cityhealth/shared-types';

/** Who a platform says the user is. */
export interface PlatformIdentity {
  platform: Platform;
  openId: string;
  unionId: string | null;
}

/**
 * Exchanges a mini-program login code for the user's identity on that platform. Fails with
 * LOGIN_CODE_INVALID (the user's code is bad or used), RATE_LIMITED (the platform throttles the
 * user) or LOGIN_PROVIDER_UNAVAILABLE (network, configuration or signature trouble).
 */
export interface LoginProvider {
  readonly platform: Platform;
  exchange(code: string): Promise<PlatformIdentity>;
}

export type LoginProviders = Record<Platform, LoginProvider>;
