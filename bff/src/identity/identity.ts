import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { AccountDeletion } from './account-deletion.js';
import { AccountService } from './accounts.js';
import { Agreements } from './agreements.js';
import { AliyunIdentityVerifier } from './idv/aliyun-idv.js';
import { JumdataEntryExitVerifier } from './idv/jumdata-entry-exit.js';
import { RoutedIdentityVerifier } from './idv/routed-verifier.js';
import { LiveAccounts } from './live-accounts.js';
import { createLoginProviders } from './login/index.js';
import { PatientRegistration } from './patient-registration.js';
import { PatientService } from './patients.js';
import { Pii } from './pii.js';
import type { RateLimits } from '../throttle/rate-limits.js';
import { AliyunSmsSender } from './sms/aliyun-sms.js';
import { SmsCodes } from './sms-codes.js';
import type { TokenService } from './tokens.js';

/** The identity domain as the HTTP layer sees it. */
export interface Identity {
  pii: Pii;
  accounts: AccountService;
  patients: PatientService;
  /** Adding a patient by document, verified in the same step. */
  registration: PatientRegistration;
  agreements: Agreements;
  deletion: AccountDeletion;
  /** Whether a token's account still exists (注销 ends its sessions). */
  live: LiveAccounts;
}

export interface IdentityDeps {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  tokens: TokenService;
  /** The login, SMS and verification limits (shared with the booking door, so owned by the services). */
  limits: RateLimits;
}

export function createIdentity({ config, db, clock, logger, audit, tokens, limits }: IdentityDeps): Identity {
  const pii = new Pii(config.piiKey, config.piiCipher);
  const { endpoints: e, providers: p } = config;
  const sms = new AliyunSmsSender({ endpoint: e.smsEndpoint, ...p.sms, logger });
  const idv = new RoutedIdentityVerifier(
    new AliyunIdentityVerifier({ endpoint: e.idvEndpoint, ...p.idv, logger }),
    new JumdataEntryExitVerifier({ endpoint: e.idvDocumentEndpoint, ...p.idvDocument, logger }),
  );
  const codes = new SmsCodes(db, pii, clock);
  const agreements = new Agreements({ db, clock });
  const live = new LiveAccounts(db);
  const accounts = new AccountService({
    db,
    pii,
    clock,
    audit,
    tokens,
    logins: createLoginProviders(config, logger),
    sms,
    codes,
    limits,
    agreements,
  });
  const deletion = new AccountDeletion({ db, pii, clock, audit, accounts, codes, live });
  const patients = new PatientService({ db, pii, clock, audit, idv, limits });
  const registration = new PatientRegistration({
    db,
    pii,
    clock,
    audit,
    idv,
    limits,
    patients,
    childMaxAge: config.rules.childMaxAge,
  });
  return { pii, accounts, patients, registration, agreements, deletion, live };
}
