import crypto from 'node:crypto';
import { hasValidChecksum } from '@cityhealth/shared-types';
import type { SandboxCredentials } from './credentials.js';
import { json, type Reply } from './http.js';

const NAME = /^[\p{Script=Han}A-Za-z·• ]{2,30}$/u;
const NATION = /^[A-Z]{3}$/;
/** How far a request's timestamp may be from the emulator's clock. */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

/** What the check takes per `idType` (01-04), and the nationality a type is bound to. */
const ID_TYPES: Record<string, { number: RegExp; nation?: string }> = {
  '01': { number: /^[EGDPS][A-Z0-9]\d{7}$|^[EG]\d{8}$/, nation: 'CHN' },
  '02': { number: /^[HM]\d{8}(\d{2})?$/, nation: 'CHN' },
  '03': { number: /^9\d{16}[\dX]$|^[A-Z]{3}\d{12}$/ },
  '04': { number: /^\d{8}$|^\d{10}$/, nation: 'CHN' },
};

/** The sandbox's answer for a well-formed number: ending in 999 a mismatch, in 000 no record. */
const RESULTS = {
  match: { result: 0, desc: '一致' },
  mismatch: { result: 1, desc: '不一致' },
  noRecord: { result: 2, desc: '无记录' },
} as const;
const resultOf = (number: string) =>
  number.endsWith('999') ? RESULTS.mismatch : number.endsWith('000') ? RESULTS.noRecord : RESULTS.match;

/** A failure the tester asked for: the next `times` checks (of `idNum`, or of anyone) answer `code`/`msg`. */
export interface EntryExitFault {
  idNum: string | null;
  code: number;
  msg: string;
  /** The HTTP status the failure comes with (200: the provider's usual way of answering errors). */
  status: number;
  times: number;
}

/**
 * 聚美智数 出入境证件核验 (`POST /jumdata/entry-exit/check`, form-encoded): checks appId, the sign
 * (hex sha256 of appId + appSecret + timestamp, written here from the provider's page) and that the
 * timestamp is within five minutes; then name, idType (01 华侨护照, 02 港澳, 03 永居证, 04 台湾),
 * idNum of its type's shape and nation (CHN for 01, 02, 04). Answers the provider's envelope
 * `{code, msg, taskNo, charge, data: {result, desc}}`; a refused parameter is code 400.
 */
export class EntryExitEmulator {
  private readonly faults: EntryExitFault[] = [];

  constructor(private readonly creds: SandboxCredentials['idvDocument']) {}

  check(method: string, p: Map<string, string>): Reply {
    if (method !== 'POST') return json({ code: 405, msg: '请使用 POST 请求' }, 405);
    const refused = this.authenticate(p);
    if (refused) return refused;
    const fault = this.take(p.get('idNum') ?? '');
    if (fault) return json({ code: fault.code, msg: fault.msg, taskNo: taskNo(), charge: false }, fault.status);
    for (const field of ['name', 'idType', 'idNum', 'nation'])
      if (!p.get(field)) return json({ code: 400, msg: `${field} 不能为空`, taskNo: taskNo(), charge: false });
    const [name, idType, idNum, nation] = ['name', 'idType', 'idNum', 'nation'].map((k) => p.get(k) ?? '');
    const rule = ID_TYPES[idType!];
    const invalid = (field: string) => json({ code: 400, msg: `${field} 无效`, taskNo: taskNo(), charge: false });
    if (!rule) return invalid('idType');
    if (!NAME.test(name!)) return invalid('name');
    if (!NATION.test(nation!) || (rule.nation && nation !== rule.nation)) return invalid('nation');
    if (!rule.number.test(idNum!) || (idType === '03' && idNum!.length === 18 && !hasValidChecksum(idNum!)))
      return invalid('idNum');
    return json({ code: 200, msg: '成功', taskNo: taskNo(), charge: true, data: resultOf(idNum!) });
  }

  /** `{idNum?, code?, msg?, status?, times?}` from the tester; null when it is not that shape. */
  addFault(input: unknown): EntryExitFault | null {
    const o = (input ?? {}) as Record<string, unknown>;
    const times = o.times === undefined ? 1 : Number(o.times);
    const code = o.code === undefined ? 500 : Number(o.code);
    const status = o.status === undefined ? 200 : Number(o.status);
    if (!Number.isInteger(times) || times < 1 || times > 1000) return null;
    if (!Number.isInteger(code) || !Number.isInteger(status) || status < 200 || status > 599) return null;
    if (o.idNum !== undefined && typeof o.idNum !== 'string') return null;
    if (o.msg !== undefined && typeof o.msg !== 'string') return null;
    const fault = {
      idNum: (o.idNum as string | undefined) ?? null,
      code,
      msg: (o.msg as string | undefined) ?? '系统繁忙，请稍后再试',
      status,
      times,
    };
    this.faults.push(fault);
    return fault;
  }

  private authenticate(p: Map<string, string>): Reply | null {
    const appId = p.get('appId') ?? '';
    const timestamp = p.get('timestamp') ?? '';
    const sign = p.get('sign') ?? '';
    const expected = crypto
      .createHash('sha256')
      .update(`${this.creds.appId}${this.creds.appSecret}${timestamp}`, 'utf8')
      .digest('hex');
    if (appId !== this.creds.appId || !timestamp || !safeEqual(sign.toLowerCase(), expected))
      return json({ code: 401, msg: '签名错误', taskNo: taskNo(), charge: false });
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > TIMESTAMP_TOLERANCE_MS)
      return json({ code: 401, msg: '时间戳已过期', taskNo: taskNo(), charge: false });
    return null;
  }

  private take(idNum: string): EntryExitFault | null {
    const fault = this.faults.find((f) => f.idNum === null || f.idNum === idNum);
    if (!fault) return null;
    if (--fault.times === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }
}

const taskNo = (): string => crypto.randomInt(10 ** 9, 10 ** 10 - 1).toString() + Date.now().toString().slice(-10);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
