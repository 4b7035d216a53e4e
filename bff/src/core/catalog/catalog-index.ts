import {
  HOSPITAL_LEVEL_LABELS,
  type HospitalDetail,
  type HospitalLevel,
  type HospitalSummary,
  type SearchMatch,
  type SearchResult,
} from '@cityhealth/shared-types';
import type { DepartmentRow, DoctorRow } from '../../db/entities/index.js';
import type { CatalogHospital, CatalogRows } from './catalog-rows.js';
import { aliasHits } from './alias-match.js';
import { compareDistricts } from './districts.js';
import { matchedBy, parseQuery, score, type Query } from './match.js';

export interface HospitalFilter {
  q?: string;
  district?: string;
  level?: HospitalLevel;
  page: number;
  pageSize: number;
}

export interface HospitalPageView {
  items: HospitalSummary[];
  page: number;
  pageSize: number;
  total: number;
}

type DepartmentGroupView = HospitalDetail['departments'][number];

const LEVEL_ORDER = ['3A', '3B', '3C', '2A', '2B', '2C'];
const levelRank = (level: string): number => {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
};
const collator = new Intl.Collator('zh-Hans-CN');

function toSummary(h: CatalogHospital): HospitalSummary {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    level: h.level as HospitalLevel,
    levelName: HOSPITAL_LEVEL_LABELS[h.level as HospitalLevel] ?? h.level,
    district: h.district,
    address: h.address,
    phone: h.phone,
    ...(h.latitude !== null && h.longitude !== null
      ? { location: { latitude: h.latitude, longitude: h.longitude } }
      : {}),
    releaseRule: { releaseTime: h.releaseTime, daysAhead: h.daysAhead },
    onlinePayment: h.onlinePayment,
    demo: h.demo,
  };
}

const bySort = (a: DepartmentRow, b: DepartmentRow): number =>
  a.sort - b.sort || collator.compare(a.name, b.name) || a.id.localeCompare(b.id);

/**
 * The catalog held in memory (hospitals, their two-level departments, doctors), built from the
 * database rows in one pass. Every read is a scan of a few hundred hospitals at most: fast, and
 * free of SQL built from what a patient typed.
 */
export class CatalogIndex {
  /** Hospitals in display order: level (三甲 first), then district in the city's order, then code. */
  private readonly hospitals: CatalogHospital[];
  private readonly summaries = new Map<string, HospitalSummary>();
  private readonly hospitalById = new Map<string, CatalogHospital>();
  private readonly departmentById = new Map<string, DepartmentRow>();
  private readonly groups = new Map<string, DepartmentGroupView[]>();
  private readonly departments: DepartmentRow[];
  private readonly doctors: DoctorRow[];
  private readonly order = new Map<string, number>();

  constructor(rows: CatalogRows) {
    this.hospitals = [...rows.hospitals].sort(
      (a, b) =>
        levelRank(a.level) - levelRank(b.level) ||
        compareDistricts(a.district, b.district) ||
        a.code.localeCompare(b.code) ||
        collator.compare(a.name, b.name),
    );
    this.hospitals.forEach((h, i) => {
      this.hospitalById.set(h.id, h);
      this.summaries.set(h.id, toSummary(h));
      this.order.set(h.id, i);
    });
    for (const d of rows.departments) this.departmentById.set(d.id, d);
    this.departments = rows.departments.filter((d) => this.hospitalById.has(d.hospitalId));
    this.doctors = rows.doctors.filter(
      (d) => this.hospitalById.has(d.hospitalId) && this.departmentById.has(d.departmentId),
    );
    this.buildGroups();
  }

  get size(): number {
    return this.hospitals.length;
  }

  hospital(id: string): CatalogHospital | undefined {
    return this.hospitalById.get(id);
  }

  department(id: string): DepartmentRow | undefined {
    return this.departmentById.get(id);
  }

  list(f: HospitalFilter): HospitalPageView {
    let rows = this.hospitals;
    if (f.district) rows = rows.filter((h) => h.district === f.district);
    if (f.level) rows = rows.filter((h) => h.level === f.level);
    if (f.q) {
      const q = parseQuery(f.q);
      rows = q ? this.ranked(rows, q) : [];
    }
    const start = (f.page - 1) * f.pageSize;
    return {
      items: rows.slice(start, start + f.pageSize).map((h) => this.summaries.get(h.id)!),
      page: f.page,
      pageSize: f.pageSize,
      total: rows.length,
    };
  }

  districts(): { items: string[] } {
    return { items: [...new Set(this.hospitals.map((h) => h.district))].sort(compareDistricts) };
  }

  detail(id: string): HospitalDetail | null {
    const h = this.hospitalById.get(id);
    if (!h) return null;
    return { ...this.summaries.get(id)!, intro: h.intro, departments: this.groups.get(id) ?? [] };
  }

  search(raw: string, limit: number): SearchResult {
    const q = parseQuery(raw);
    if (!q) return { hospitals: [], departments: [], doctors: [] };
    const hospitals = this.ranked(this.hospitals, q)
      .slice(0, limit)
      .map((h) => this.summaries.get(h.id)!);
    const aliases = aliasHits(q);
    const departmentMatch = (d: DepartmentRow): { s: number; match: SearchMatch } => {
      const own = score(q, d);
      const alias = aliases.get(d.name);
      if (alias && alias.score > own) return { s: alias.score, match: { by: 'alias', text: alias.word } };
      return { s: own, match: { by: matchedBy(q, d) } };
    };
    const departments = this.top(this.departments, (d) => departmentMatch(d).s, limit).map((d) => {
      const parent = d.parentId ? this.departmentById.get(d.parentId) : undefined;
      return {
        id: d.id,
        name: d.name,
        parentName: parent?.name ?? null,
        hospitalId: d.hospitalId,
        hospitalName: this.hospitalById.get(d.hospitalId)!.name,
        match: departmentMatch(d).match,
      };
    });
    const bySpecialty = (d: DoctorRow) => !q.latin && d.specialty.toLowerCase().includes(q.text);
    const doctorMatch = (d: DoctorRow): SearchMatch =>
      score(q, d) > 0 ? { by: matchedBy(q, d) } : { by: 'specialty' };
    const doctors = this.top(this.doctors, (d) => score(q, d) || (bySpecialty(d) ? 40 : 0), limit).map((d) => ({
      id: d.id,
      name: d.name,
      title: d.title,
      specialty: d.specialty,
      intro: d.intro,
      hospitalId: d.hospitalId,
      hospitalName: this.hospitalById.get(d.hospitalId)!.name,
      departmentId: d.departmentId,
      departmentName: this.departmentById.get(d.departmentId)!.name,
      match: doctorMatch(d),
    }));
    return { hospitals, departments, doctors };
  }

  /** Matching hospitals, best match first, display order among equals. */
  private ranked(rows: CatalogHospital[], q: Query): CatalogHospital[] {
    return rows
      .map((h) => ({ h, s: score(q, h) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || this.order.get(a.h.id)! - this.order.get(b.h.id)!)
      .map((x) => x.h);
  }

  /** The best `limit` records of a hospital's kind, ties broken by their hospital's display order. */
  private top<T extends { id: string; hospitalId: string; name: string }>(
    rows: T[],
    rate: (r: T) => number,
    limit: number,
  ): T[] {
    const hits: { r: T; s: number }[] = [];
    for (const r of rows) {
      const s = rate(r);
      if (s > 0) hits.push({ r, s });
    }
    return hits
      .sort(
        (a, b) =>
          b.s - a.s ||
          this.order.get(a.r.hospitalId)! - this.order.get(b.r.hospitalId)! ||
          collator.compare(a.r.name, b.r.name) ||
          a.r.id.localeCompare(b.r.id),
      )
      .slice(0, limit)
      .map((x) => x.r);
  }

  /** Two levels per hospital: top departments with their children, each level in `sort` order. */
  private buildGroups(): void {
    const children = new Map<string, DepartmentRow[]>();
    const tops = new Map<string, DepartmentRow[]>();
    for (const d of this.departments) {
      const parent = d.parentId ? this.departmentById.get(d.parentId) : undefined;
      if (parent && parent.hospitalId === d.hospitalId && !parent.parentId) {
        (children.get(parent.id) ?? children.set(parent.id, []).get(parent.id)!).push(d);
      } else {
        (tops.get(d.hospitalId) ?? tops.set(d.hospitalId, []).get(d.hospitalId)!).push(d);
      }
    }
    const view = (d: DepartmentRow) => ({ id: d.id, name: d.name, intro: d.intro, parentId: d.parentId });
    for (const [hospitalId, list] of tops) {
      this.groups.set(
        hospitalId,
        list.sort(bySort).map((top) => {
          const kids = (children.get(top.id) ?? []).sort(bySort);
          // A department without sub-departments is its own (bookable) entry.
          return {
            id: top.id,
            name: top.name,
            children: kids.length ? kids.map(view) : [{ ...view(top), parentId: null }],
          };
        }),
      );
    }
  }
}
