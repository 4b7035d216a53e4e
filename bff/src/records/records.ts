import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { HospitalSecrets } from '../hospital/hospital-secrets.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { DicomwebReader } from './dicomweb-reader.js';
import { EncryptedCache } from './encrypted-cache.js';
import { FhirReader } from './fhir-reader.js';
import { HisRecordsClient } from './his-records-client.js';
import { ImageTickets } from './image-tickets.js';
import { ImagingShares } from './imaging-shares.js';
import { RecordsEndpoints } from './records-endpoints.js';
import { RecordsService } from './records-service.js';

/** Reports and imaging as the HTTP layer sees them. */
export interface Records {
  service: RecordsService;
  shares: ImagingShares;
  client: HisRecordsClient;
}

export function createRecords(d: {
  db: Database;
  config: Config;
  pii: Pii;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  secrets: HospitalSecrets;
}): Records {
  const env = d.config.env;
  const client = new HisRecordsClient(d.clock, d.logger, {
    timeoutMs: env.RECORDS_TIMEOUT_MS,
    breakerFailures: env.RECORDS_BREAKER_FAILURES,
    halfOpenAfterMs: env.RECORDS_BREAKER_HALF_OPEN_MS,
  });
  const service = new RecordsService({
    db: d.db,
    pii: d.pii,
    clock: d.clock,
    logger: d.logger,
    audit: d.audit,
    endpoints: new RecordsEndpoints(d.db, d.secrets, d.config),
    fhir: new FhirReader(client),
    dicomweb: new DicomwebReader(client),
    tickets: new ImageTickets(d.config.jwtSecret, d.clock),
    cache: new EncryptedCache(env.RECORDS_CACHE_TTL_MS, env.RECORDS_CACHE_MB * 1024 * 1024),
    imageLinkTtlMs: env.IMAGE_LINK_TTL_MINUTES * 60_000,
  });
  const shares = new ImagingShares({
    db: d.db,
    pii: d.pii,
    clock: d.clock,
    audit: d.audit,
    records: service,
    publicBaseUrl: d.config.publicBaseUrl,
  });
  return { service, shares, client };
}
