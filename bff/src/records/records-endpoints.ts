import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { HospitalSecrets } from '../hospital/hospital-secrets.js';
import { DEFAULT_SIGNATURE_METHOD, type SignatureMethod, signatureMethodOf } from '../hospital/signature.js';

/** Where one hospital's records are read and how the platform signs its calls there. */
export interface RecordsEndpoint {
  hospitalId: string;
  code: string;
  name: string;
  fhirBase: string;
  dicomwebBase: string;
  secret: string;
  signatureMethod: SignatureMethod;
}

export type HospitalRecordsLink =
  | { connected: true; endpoint: RecordsEndpoint }
  | { connected: false; hospitalId: string; name: string };

interface HospitalRecordsRow {
  id: string;
  code: string;
  name: string;
  fhir_base_url: string | null;
  dicomweb_base_url: string | null;
  signature_method: string | null;
}

const KEEP_MS = 10_000;

/**
 * A hospital's FHIR and DICOMweb addresses from its registry entry, with the secret that signs the
 * calls. In sandbox mode a hospital without its own addresses is served by its emulated HIS. Kept
 * 10 s: a registry change applies within that.
 */
export class RecordsEndpoints {
  private readonly known = new Map<string, { link: HospitalRecordsLink; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly secrets: HospitalSecrets,
    private readonly config: Config,
  ) {}

  /** Null for a hospital the platform does not know. */
  async of(hospitalId: string): Promise<HospitalRecordsLink | null> {
    const cached = this.known.get(hospitalId);
    if (cached && cached.until > Date.now()) return cached.link;
    const [row] = await this.db.query<HospitalRecordsRow>(
      'SELECT id, code, name, fhir_base_url, dicomweb_base_url, signature_method FROM hospital WHERE id = ?',
      [hospitalId],
    );
    if (!row) return null;
    const link = await this.linkOf(row);
    this.known.set(hospitalId, { link, until: Date.now() + KEEP_MS });
    return link;
  }

  private async linkOf(row: HospitalRecordsRow): Promise<HospitalRecordsLink> {
    const emulated = this.config.sandbox
      ? `http://127.0.0.1:${this.config.env.SANDBOX_PORT}/his/${encodeURIComponent(row.code)}`
      : null;
    const fhirBase = row.fhir_base_url ?? (emulated && `${emulated}/fhir`);
    const dicomwebBase = row.dicomweb_base_url ?? (emulated && `${emulated}/dicomweb`);
    const secret =
      (await this.secrets.signing(row.id)) ??
      (this.config.sandbox ? await this.secrets.ensureOne(row.id, 'sandbox') : null);
    if (!fhirBase || !dicomwebBase || !secret) return { connected: false, hospitalId: row.id, name: row.name };
    return {
      connected: true,
      endpoint: {
        hospitalId: row.id,
        code: row.code,
        name: row.name,
        fhirBase: fhirBase.replace(/\/+$/, ''),
        dicomwebBase: dicomwebBase.replace(/\/+$/, ''),
        secret,
        signatureMethod: signatureMethodOf(row.signature_method ?? undefined) ?? DEFAULT_SIGNATURE_METHOD,
      },
    };
  }
}
