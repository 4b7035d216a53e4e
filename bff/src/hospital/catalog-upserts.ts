import type { DepartmentBatch, DoctorBatch, UpsertReport } from '@cityhealth/shared-types';
import type { CatalogService } from '../core/catalog/catalog-service.js';
import { KEY_LIMITS, pinyinKeys } from '../core/catalog/pinyin-keys.js';
import type { Database } from '../db/database.js';
import { Department, Doctor } from '../db/entities/index.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { bumpKey, insertKey, knownKeys, lockHospital, versionSkip } from './his-keys.js';

type Result = UpsertReport['results'][number];

/**
 * A hospital publishes its departments and doctors by its own codes. Each batch carries a
 * version: an item whose code was last changed by this version is `unchanged`, by a newer one
 * `stale`; only a newer version changes it. Batches of one hospital are applied one at a time.
 */
export class HospitalCatalogUpserts {
  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
  ) {}

  async departments(hospitalId: string, batch: DepartmentBatch): Promise<UpsertReport> {
    const now = this.clock.now();
    const results = await this.db.write(async (tx) => {
      await lockHospital(tx, this.db.dialect, hospitalId);
      const codes = batch.items.map((d) => d.hisDepartmentCode);
      const parents = batch.items.flatMap((d) => (d.parentCode ? [d.parentCode] : []));
      const known = await knownKeys(tx, hospitalId, 'department', [...codes, ...parents]);
      const inBatch = new Set(codes);
      const out: Result[] = [];
      const applied: { id: string; parentCode: string | null }[] = [];
      for (const d of batch.items) {
        const code = d.hisDepartmentCode;
        const key = known.get(code);
        const skip = versionSkip(key, batch.version);
        if (skip) {
          out.push({ code, outcome: skip, id: key!.entityId });
          continue;
        }
        if (d.parentCode === code || (d.parentCode && !inBatch.has(d.parentCode) && !known.has(d.parentCode))) {
          const message = d.parentCode === code ? '科室不能是自己的上级科室' : `上级科室编码 ${d.parentCode} 未登记`;
          out.push({ code, outcome: 'refused', id: key?.entityId ?? null, message });
          continue;
        }
        const keys = pinyinKeys(d.name, KEY_LIMITS.department);
        const fields = {
          name: d.name,
          namePinyin: keys.pinyin,
          nameInitials: keys.initials,
          intro: d.intro,
          sort: d.sort,
        };
        let id: string;
        if (key) {
          id = key.entityId;
          await tx.query(
            'UPDATE department SET name = ?, name_pinyin = ?, name_initials = ?, intro = ?, sort = ? WHERE id = ?',
            [fields.name, fields.namePinyin, fields.nameInitials, fields.intro, fields.sort, id],
          );
          await bumpKey(tx, key, batch.version, now);
        } else {
          id = newId();
          await insertRows(tx, Department, [{ id, hospitalId, parentId: null, ...fields }]);
          await insertKey(tx, hospitalId, 'department', code, id, batch.version, now);
          known.set(code, { id: '', entityId: id, version: batch.version });
        }
        out.push({ code, outcome: key ? 'updated' : 'created', id });
        applied.push({ id, parentCode: d.parentCode });
      }
      // Parents last: a batch may name a parent it publishes after its child.
      for (const a of applied) {
        const parentId = a.parentCode ? (known.get(a.parentCode)?.entityId ?? null) : null;
        await tx.query('UPDATE department SET parent_id = ? WHERE id = ?', [parentId, a.id]);
      }
      return out;
    });
    if (results.some((r) => r.outcome === 'created' || r.outcome === 'updated')) this.catalog.invalidate();
    return { version: batch.version, results };
  }

  async doctors(hospitalId: string, batch: DoctorBatch): Promise<UpsertReport> {
    const now = this.clock.now();
    const results = await this.db.write(async (tx) => {
      await lockHospital(tx, this.db.dialect, hospitalId);
      const known = await knownKeys(
        tx,
        hospitalId,
        'doctor',
        batch.items.map((d) => d.hisDoctorCode),
      );
      const departments = await knownKeys(
        tx,
        hospitalId,
        'department',
        batch.items.map((d) => d.hisDepartmentCode),
      );
      const out: Result[] = [];
      for (const d of batch.items) {
        const code = d.hisDoctorCode;
        const key = known.get(code);
        const skip = versionSkip(key, batch.version);
        if (skip) {
          out.push({ code, outcome: skip, id: key!.entityId });
          continue;
        }
        const department = departments.get(d.hisDepartmentCode);
        if (!department) {
          const message = `科室编码 ${d.hisDepartmentCode} 未登记，请先发布科室`;
          out.push({ code, outcome: 'refused', id: key?.entityId ?? null, message });
          continue;
        }
        const keys = pinyinKeys(d.name, KEY_LIMITS.doctor);
        const fields = {
          departmentId: department.entityId,
          name: d.name,
          namePinyin: keys.pinyin,
          nameInitials: keys.initials,
          title: d.title,
          specialty: d.specialty,
          intro: d.intro,
        };
        let id: string;
        if (key) {
          id = key.entityId;
          await tx.query(
            `UPDATE doctor SET department_id = ?, name = ?, name_pinyin = ?, name_initials = ?, title = ?,
              specialty = ?, intro = ? WHERE id = ?`,
            [
              fields.departmentId,
              fields.name,
              fields.namePinyin,
              fields.nameInitials,
              fields.title,
              fields.specialty,
              fields.intro,
              id,
            ],
          );
          await bumpKey(tx, key, batch.version, now);
        } else {
          id = newId();
          await insertRows(tx, Doctor, [{ id, hospitalId, ...fields }]);
          await insertKey(tx, hospitalId, 'doctor', code, id, batch.version, now);
        }
        out.push({ code, outcome: key ? 'updated' : 'created', id });
      }
      return out;
    });
    if (results.some((r) => r.outcome === 'created' || r.outcome === 'updated')) this.catalog.invalidate();
    return { version: batch.version, results };
  }
}
