import crypto from 'node:crypto';
import type { ImagingShare, SharedStudy } from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { ImagingShareEntity, type ImagingShareRow } from '../db/entities/index.js';
import { execute } from '../db/sql/execute.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { iso, isoOrNull } from '../shared/time.js';
import { verifiedPatient } from './record-access.js';
import type { RecordsService } from './records-service.js';

/** Wrong access codes a share takes before it locks for good. */
export const SHARE_MAX_WRONG_CODES = 5;

interface ShareRecord {
  id: string;
  token_enc: string;
  code_enc: string;
  account_id: string;
  patient_id: string;
  hospital_id: string;
  study_id: string;
  description: string;
  expires_at: unknown;
  max_uses: unknown;
  uses: unknown;
  wrong_codes: unknown;
  revoked_at: unknown;
  created_at: unknown;
}

const COLUMNS =
  'id, token_enc, code_enc, account_id, patient_id, hospital_id, study_id, description, expires_at, max_uses, uses, ' +
  'wrong_codes, revoked_at, created_at';

const tokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');
const maskName = (name: string): string => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);

/**
 * 云胶片: a patient shares one study by a link that opens in any browser without login, guarded by
 * a 6-digit access code, an expiry and a number of uses; revocable at once. The link's token and
 * the code are kept encrypted (the patient can read them again), the token also as a hash to find it.
 */
export class ImagingShares {
  constructor(
    private readonly d: {
      db: Database;
      pii: Pii;
      clock: Clock;
      audit: AuditLog;
      records: RecordsService;
      publicBaseUrl: string;
    },
  ) {}

  async create(
    accountId: string,
    patientId: string,
    studyId: string,
    req: { hospitalId: string; validHours: number; maxUses: number },
    ip: string,
  ): Promise<ImagingShare> {
    const patient = await verifiedPatient(this.d.db, this.d.pii, accountId, patientId);
    const now = this.d.clock.now();
    const study = await this.d.records.studyOf(patient, req.hospitalId, studyId, now);
    const token = crypto.randomBytes(24).toString('base64url');
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const row: ImagingShareRow = {
      id: newId(),
      tokenHash: tokenHash(token),
      tokenEnc: this.d.pii.encrypt('share', token),
      codeEnc: this.d.pii.encrypt('share', code),
      accountId,
      patientId,
      hospitalId: req.hospitalId,
      studyId,
      description: `${study.hospitalName} ${study.description}`.slice(0, 100),
      expiresAt: now + req.validHours * 3600_000,
      maxUses: req.maxUses,
      uses: 0,
      wrongCodes: 0,
      revokedAt: null,
      createdAt: now,
    };
    await this.d.db.write(async (tx) => {
      await tx.insert(ImagingShareEntity, row);
      await this.d.audit.record(
        {
          actorType: 'patient',
          actorId: accountId,
          action: 'records.share.create',
          targetType: 'patient',
          targetId: patientId,
          ip,
          detail: {
            shareId: row.id,
            hospitalId: req.hospitalId,
            studyId,
            validHours: req.validHours,
            maxUses: req.maxUses,
          },
        },
        tx,
      );
    });
    return this.view(await this.load(row.id));
  }

  async list(accountId: string, patientId: string): Promise<{ items: ImagingShare[] }> {
    await verifiedPatient(this.d.db, this.d.pii, accountId, patientId);
    const rows = await this.d.db.query<ShareRecord>(
      `SELECT ${COLUMNS} FROM imaging_share WHERE patient_id = ? AND account_id = ? ORDER BY created_at DESC LIMIT 100`,
      [patientId, accountId],
    );
    return { items: rows.map((r) => this.view(r)) };
  }

  async revoke(accountId: string, patientId: string, shareId: string, ip: string): Promise<ImagingShare> {
    const now = this.d.clock.now();
    await this.d.db.write(async (tx) => {
      const changed = await execute(
        tx,
        `UPDATE imaging_share SET revoked_at = ?
          WHERE id = ? AND patient_id = ? AND account_id = ? AND revoked_at IS NULL`,
        [now, shareId, patientId, accountId],
      );
      if (changed)
        await this.d.audit.record(
          {
            actorType: 'patient',
            actorId: accountId,
            action: 'records.share.revoke',
            targetType: 'patient',
            targetId: patientId,
            ip,
            detail: { shareId },
          },
          tx,
        );
    });
    const row = await this.load(shareId);
    if (row.account_id !== accountId || row.patient_id !== patientId) throw new AppError('NOT_FOUND', '分享不存在');
    return this.view(row);
  }

  /** Opens a share with its code: each opening uses one use; wrong codes count towards a lock. */
  async open(token: string, accessCode: string, ip: string): Promise<SharedStudy> {
    const [row] = await this.d.db.query<ShareRecord>(`SELECT ${COLUMNS} FROM imaging_share WHERE token_hash = ?`, [
      tokenHash(token),
    ]);
    if (!row) throw new AppError('SHARE_NOT_FOUND');
    const now = this.d.clock.now();
    if (row.revoked_at !== null) throw new AppError('SHARE_REVOKED');
    if (Number(row.expires_at) <= now) throw new AppError('SHARE_EXPIRED');
    if (Number(row.wrong_codes) >= SHARE_MAX_WRONG_CODES) throw new AppError('SHARE_LOCKED');
    const code = Buffer.from(this.d.pii.decrypt('share', row.code_enc));
    const given = Buffer.from(accessCode);
    if (code.length !== given.length || !crypto.timingSafeEqual(code, given)) {
      await this.d.db.write(async (tx) => {
        await execute(tx, 'UPDATE imaging_share SET wrong_codes = wrong_codes + 1 WHERE id = ?', [row.id]);
        await this.d.audit.record(
          { actorType: 'share', actorId: row.id, action: 'records.share.code-wrong', ip, detail: {} },
          tx,
        );
      });
      if (Number(row.wrong_codes) + 1 >= SHARE_MAX_WRONG_CODES) throw new AppError('SHARE_LOCKED');
      throw new AppError('SHARE_CODE_WRONG');
    }
    let patient: Awaited<ReturnType<typeof verifiedPatient>>;
    try {
      patient = await verifiedPatient(this.d.db, this.d.pii, row.account_id, row.patient_id);
    } catch {
      throw new AppError('SHARE_REVOKED', '该分享已失效');
    }
    const used = await this.d.db.write(async (tx) => {
      const changed = await execute(
        tx,
        'UPDATE imaging_share SET uses = uses + 1 WHERE id = ? AND uses < max_uses AND revoked_at IS NULL',
        [row.id],
      );
      if (changed)
        await this.d.audit.record(
          {
            actorType: 'share',
            actorId: row.id,
            action: 'records.share.open',
            targetType: 'patient',
            targetId: row.patient_id,
            ip,
            detail: { hospitalId: row.hospital_id, studyId: row.study_id },
          },
          tx,
        );
      return changed;
    });
    if (!used) throw new AppError('SHARE_USED_UP');
    const linksUntil = Math.min(Number(row.expires_at), now + 30 * 60_000);
    const study = await this.d.records.studyOf(patient, row.hospital_id, row.study_id, linksUntil);
    return {
      patientName: maskName(patient.name),
      study,
      expiresAt: iso(Number(row.expires_at)),
      usesLeft: Math.max(0, Number(row.max_uses) - Number(row.uses) - 1),
    };
  }

  private async load(id: string): Promise<ShareRecord> {
    const [row] = await this.d.db.query<ShareRecord>(`SELECT ${COLUMNS} FROM imaging_share WHERE id = ?`, [id]);
    if (!row) throw new AppError('NOT_FOUND', '分享不存在');
    return row;
  }

  private view(r: ShareRecord): ImagingShare {
    return {
      shareId: r.id,
      studyId: r.study_id,
      hospitalId: r.hospital_id,
      description: r.description,
      url: `${this.d.publicBaseUrl}/share/${this.d.pii.decrypt('share', r.token_enc)}`,
      accessCode: this.d.pii.decrypt('share', r.code_enc),
      expiresAt: iso(Number(r.expires_at)),
      maxUses: Number(r.max_uses),
      uses: Number(r.uses),
      revokedAt: isoOrNull(r.revoked_at === null ? null : Number(r.revoked_at)),
      createdAt: iso(Number(r.created_at)),
    };
  }
}
