import type { SignatureMethod } from './signature.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';

export interface RegisteredHospital {
  id: string;
  code: string;
  webhookUrl: string | null;
}

/** A hospital by its code on the platform (as the interface, the staff keys and the CLI name it), or null. */
export async function hospitalByCode(db: Database, code: string): Promise<RegisteredHospital | null> {
  const [row] = await db.query<{ id: string; webhook_url: string | null }>(
    'SELECT id, webhook_url FROM hospital WHERE code = ?',
    [code],
  );
  return row ? { id: row.id, code, webhookUrl: row.webhook_url } : null;
}

/** Where the platform reaches a hospital's systems: its webhook, its FHIR server and its DICOMweb service. */
export interface HospitalEndpoints {
  webhookUrl: string | null;
  fhirBaseUrl: string | null;
  dicomwebBaseUrl: string | null;
}

const ENDPOINT_COLUMNS = {
  webhookUrl: 'webhook_url',
  fhirBaseUrl: 'fhir_base_url',
  dicomwebBaseUrl: 'dicomweb_base_url',
};

export async function hospitalEndpoints(db: Database, hospitalId: string): Promise<HospitalEndpoints> {
  const [row] = await db.query<Record<string, string | null>>(
    'SELECT webhook_url, fhir_base_url, dicomweb_base_url FROM hospital WHERE id = ?',
    [hospitalId],
  );
  return {
    webhookUrl: row?.webhook_url ?? null,
    fhirBaseUrl: row?.fhir_base_url ?? null,
    dicomwebBaseUrl: row?.dicomweb_base_url ?? null,
  };
}

/** Sets some of a hospital's addresses (http or https URLs; '' clears one), audited. */
export async function setHospitalEndpoints(
  db: Database,
  audit: AuditLog,
  hospitalId: string,
  change: Partial<Record<keyof HospitalEndpoints, string>>,
  actor: string,
  actorType: 'admin' | 'staff' = 'admin',
): Promise<HospitalEndpoints> {
  const sets: string[] = [];
  const params: (string | null)[] = [];
  for (const [key, value] of Object.entries(change) as [keyof HospitalEndpoints, string | undefined][]) {
    if (value === undefined) continue;
    if (value !== '') {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new Error(`${key}: not a URL: ${value}`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${key}: http or https only`);
    }
    sets.push(`${ENDPOINT_COLUMNS[key]} = ?`);
    params.push(value === '' ? null : value.replace(/\/+$/, ''));
  }
  if (sets.length)
    await db.write(async (tx) => {
      await tx.query(`UPDATE hospital SET ${sets.join(', ')} WHERE id = ?`, [...params, hospitalId]);
      await audit.record(
        {
          actorType,
          actorId: actor,
          action: 'hospital.endpoints.set',
          targetType: 'hospital',
          targetId: hospitalId,
          detail: change,
        },
        tx,
      );
    });
  return hospitalEndpoints(db, hospitalId);
}

/** How the platform signs its pushes and reads to a hospital (docs/hospital-interface.md), audited. */
export async function setHospitalSignatureMethod(
  db: Database,
  audit: AuditLog,
  hospitalId: string,
  method: SignatureMethod,
  actor: string,
): Promise<void> {
  await db.write(async (tx) => {
    await tx.query('UPDATE hospital SET signature_method = ? WHERE id = ?', [method, hospitalId]);
    await audit.record(
      {
        actorType: 'admin',
        actorId: actor,
        action: 'hospital.signature-method.set',
        targetType: 'hospital',
        targetId: hospitalId,
        detail: { method },
      },
      tx,
    );
  });
}
