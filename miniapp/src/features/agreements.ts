import type { AcceptedAgreements, Agreement, AgreementKind } from '@cityhealth/shared-types';
import { AGREEMENT_KIND_LABELS } from '@cityhealth/shared-types/labels';
import { ROUTES, withQuery } from '../routes';

/** The versions the patient agrees to by ticking the box or tapping 同意: the ones just read from the server. */
export function acceptedVersions(items: Agreement[]): AcceptedAgreements | null {
  const terms = items.find((a) => a.kind === 'terms');
  const privacy = items.find((a) => a.kind === 'privacy');
  return terms && privacy ? { terms: terms.version, privacy: privacy.version } : null;
}

export const CONSENT_REQUIRED_MESSAGE = '请先阅读并同意《用户协议》和《隐私政策》';

/** 《用户协议》和《隐私政策》, or only the ones named. */
export const agreementTitles = (kinds: readonly AgreementKind[]): string =>
  kinds.map((k) => `《${AGREEMENT_KIND_LABELS[k]}》`).join('和');

/** Where an account with agreements to accept goes before continuing to `back`. */
export const consentRoute = (back: string): string => withQuery(ROUTES.consent, { back });

export const agreementRoute = (kind: AgreementKind): string => withQuery(ROUTES.agreement, { kind });
