import {
  HOSPITAL_LEVEL_LABELS,
  type HospitalEndpointsChange,
  type HospitalLevelCode,
  type HospitalRegistryEntry,
} from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { setHospitalEndpoints } from '../hospital/hospital-registry.js';
import { ActiveSecretLimitReached, type HospitalSecrets } from '../hospital/hospital-secrets.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { iso, isoOrNull } from '../shared/time.js';
import { deliveryHealth } from './delivery-health.js';
import type { Staff } from './staff.js';

interface HospitalRow {
  id: string;
  code: string;
  name: string;
  level: string;
  district: string;
  webhook_url: string | null;
  fhir_base_url: string | null;
  dicomweb_base_url: string | null;
}

const SELECT = 'SELECT id, code, name, level, district, webhook_url, fhir_base_url, dicomweb_base_url FROM hospital';

/**
 * The hospitals registry of the console: what each hospital is, its interface secrets (issued and
 * retired here, a value shown only when issued), where the platform reaches it, and how the pushes
 * to it go. Changes go through the same functions as the staff CLI, audited with the staff member.
 */
export class HospitalAdmin {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly secrets: HospitalSecrets,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<HospitalRegistryEntry[]> {
    return this.entries(await this.db.query<HospitalRow>(`${SELECT} ORDER BY code`));
  }

  async get(id: string): Promise<HospitalRegistryEntry> {
    return (await this.entries([await this.row(id)]))[0]!;
  }

  async setEndpoints(staff: Staff, id: string, change: HospitalEndpointsChange): Promise<HospitalRegistryEntry> {
    await this.row(id);
    try {
      await setHospitalEndpoints(this.db, this.audit, id, change, staff.id, 'staff');
    } catch (e) {
      // The schema checked the addresses already; the registry's own check says the same in English.
      if (e instanceof AppError) throw e;
      throw new AppError('VALIDATION_FAILED', '请输入以 http:// 或 https:// 开头的完整地址（留空则清除）');
    }
    return this.get(id);
  }

  async issueSecret(staff: Staff, id: string): Promise<{ secretId: string; secret: string; issuedAt: string }> {
    await this.row(id);
    try {
      const made = await this.secrets.issue(id, staff.id, 'staff');
      const issued = (await this.secrets.list(id)).find((s) => s.id === made.secretId);
      return { ...made, issuedAt: iso(issued?.createdAt ?? this.clock.now()) };
    } catch (e) {
      if (e instanceof ActiveSecretLimitReached) throw new AppError('HOSPITAL_SECRETS_FULL');
      throw e;
    }
  }

  async retireSecret(staff: Staff, id: string, secretId: string): Promise<HospitalRegistryEntry> {
    await this.row(id);
    if (!(await this.secrets.retire(id, secretId, staff.id, 'staff'))) throw new AppError('HOSPITAL_SECRET_NOT_FOUND');
    return this.get(id);
  }

  private async row(id: string): Promise<HospitalRow> {
    const [row] = await this.db.query<HospitalRow>(`${SELECT} WHERE id = ?`, [id]);
    if (!row) throw new AppError('HOSPITAL_NOT_FOUND');
    return row;
  }

  private async entries(rows: HospitalRow[]): Promise<HospitalRegistryEntry[]> {
    const health = await deliveryHealth(
      this.db,
      rows.map((r) => r.id),
      this.clock.now(),
    );
    const secrets = await Promise.all(rows.map((r) => this.secrets.list(r.id)));
    return rows.map((r, i) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      level: r.level,
      levelLabel: HOSPITAL_LEVEL_LABELS[r.level as HospitalLevelCode] ?? r.level,
      district: r.district,
      secrets: secrets[i]!.map((s) => ({
        id: s.id,
        issuedAt: iso(s.createdAt),
        retiredAt: isoOrNull(s.retiredAt),
        active: s.retiredAt === null,
      })),
      endpoints: { webhookUrl: r.webhook_url, fhirBaseUrl: r.fhir_base_url, dicomwebBaseUrl: r.dicomweb_base_url },
      delivery: health.get(r.id)!,
    }));
  }
}
