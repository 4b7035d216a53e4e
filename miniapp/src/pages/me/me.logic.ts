import type { Account, Platform } from '@cityhealth/shared-types';
import { PLATFORM_LABELS } from '@cityhealth/shared-types/labels';

/** The platform this build can bind to the account (绑定微信), or null (H5, or already bound). */
export function bindablePlatform(
  account: Pick<Account, 'platforms'>,
  buildPlatform: Platform | null,
): { platform: Platform; label: string } | null {
  if (!buildPlatform || account.platforms.includes(buildPlatform)) return null;
  return { platform: buildPlatform, label: `绑定${PLATFORM_LABELS[buildPlatform]}` };
}

/** The bound identities as the account line shows them, e.g. 已绑定：微信、支付宝. */
export function boundText(account: Pick<Account, 'platforms'>): string | null {
  if (account.platforms.length === 0) return null;
  return `已绑定：${account.platforms.map((p) => PLATFORM_LABELS[p]).join('、')}`;
}
