import { api } from '../../api';
import { platformNoticeConsent } from '../../platform/notice-consent';

let templateIds: string[] = [];

/** Fetches the templates to ask for ahead of the tap (the prompt must open in the tap itself). */
export async function prepareNoticeConsent(): Promise<void> {
  if (!platformNoticeConsent.asks || templateIds.length) return;
  templateIds = await api.noticeTemplates().then(
    (t) => t.weapp,
    () => [],
  );
}

/**
 * Opens the platform's prompt now (call it synchronously from the booking tap); once the booking
 * stands, `report` tells the BFF what the patient accepted. Without consent the notices go by SMS.
 */
export function askNoticeConsent(): { report(): void } {
  const accepted = platformNoticeConsent.ask(templateIds);
  return {
    report: () =>
      void accepted.then((ids) => (ids.length ? api.subscribeNotices(ids) : undefined)).catch(() => undefined),
  };
}
