import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { AccountService } from './accounts.js';
import { AliyunIdentityVerifier } from './idv/aliyun-idv.js';
import { createLoginProviders } from './login/index.js';
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
  const pii = new Pii(config.piiKey);
  const { endpoints: e, providers: p } = config;
  const sms = new AliyunSmsSender({ endpoint: e.smsEndpoint, ...p.sms, logger });
  const idv = new AliyunIdentityVerifier({ endpoint: e.idvEndpoint, ...p.idv, logger });
  const codes = new SmsCodes(db, pii, clock);
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
  });
  const patients = new PatientService({ db, pii, clock, audit, idv, limits });
  return { pii, accounts, patients };
}
