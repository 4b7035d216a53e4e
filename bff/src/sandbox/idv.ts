import { hasValidChecksum } from '@cityhealth/shared-types';
import { RpcGate } from './aliyun-rpc-gate.js';
import type { SandboxCredentials } from './credentials.js';
import { json, requestId, type Reply } from './http.js';

const NAME = /^[\p{Script=Han}A-Za-z·• ]{2,30}$/u;
const NATION = /^[A-Z]{3}$/;

/** What the entry-exit check takes per certificate type (01-05), and whether its nationality is fixed. */
const CERTS: Record<string, { number: RegExp; nation?: string }> = {
  '01': { number: /^[EGDPS][A-Z0-9]\d{7}$|^[EG]\d{8}$/, nation: 'CHN' },
  '02': { number: /^[HM]\d{8}(\d{2})?$/, nation: 'CHN' },
  '03': { number: /^9\d{16}[\dX]$|^[A-Z]{3}\d{12}$/ },
  '04': { number: /^\d{8}$|^\d{10}$/, nation: 'CHN' },
  '05': { number: /^(?=.*\d)[A-Z0-9]{5,17}$/ },
};

/** The sandbox's answer for a well-formed number: its last three digits 999 a mismatch, 000 no record. */
const bizCodeOf = (number: string): string => (number.endsWith('999') ? '2' : number.endsWith('000') ? '3' : '1');

/**
 * Aliyun cloudauth (2019-03-07): `Id2MetaVerify` (身份证二要素核验): any checksum-valid number
 * matches its name, except sequence code 999 (digits 15-17), which reports a mismatch;
 * `EntryExitCertVerify` (出入境证件核验, CertType 01-05, CertNo, CertNation, UserName): a number of
 * the type's shape matches, except one ending in 999 (mismatch) or 000 (no record); a number not
 * of its type's shape, a 2023 permanent-residence number with a wrong check character or a
 * nationality the type does not allow is refused as 参数非法.
 */
export class IdvEmulator {
  private readonly gate: RpcGate;

  constructor(creds: SandboxCredentials['idv']) {
    this.gate = new RpcGate({
      host: 'cloudauth.aliyuncs.com',
      version: '2019-03-07',
      actions: new Set(['Id2MetaVerify', 'EntryExitCertVerify']),
      ...creds,
    });
  }

  handle(method: string, p: Map<string, string>): Reply {
    const refused = this.gate.check(method, p);
    if (refused) return refused;
    return p.get('Action') === 'EntryExitCertVerify' ? this.certificate(p) : this.idCard(p);
  }

  private idCard(p: Map<string, string>): Reply {
    const id = (p.get('IdentifyNum') ?? '').toUpperCase();
    const name = p.get('UserName') ?? '';
    if (!id || !name || !p.get('ParamType')) return answer('400', '参数不能为空');
    if (p.get('ParamType') !== 'normal' || !NAME.test(name) || !hasValidChecksum(id)) return answer('401', '参数非法');
    return answer('200', 'success', id.slice(14, 17) === '999' ? '2' : '1');
  }

  private certificate(p: Map<string, string>): Reply {
    const type = p.get('CertType') ?? '';
    const number = p.get('CertNo') ?? '';
    const nation = p.get('CertNation') ?? '';
    const name = p.get('UserName') ?? '';
    if (!type || !number || !nation || !name) return answer('400', '参数不能为空');
    const cert = CERTS[type];
    if (!cert?.number.test(number) || !NATION.test(nation) || !NAME.test(name)) return answer('401', '参数非法');
    if (cert.nation && nation !== cert.nation) return answer('401', '参数非法');
    if (type === '03' && number.length === 18 && !hasValidChecksum(number)) return answer('401', '参数非法');
    return answer('200', 'success', bizCodeOf(number));
  }
}

function answer(Code: string, Message: string, bizCode?: string): Reply {
  return json({ RequestId: requestId(), Code, Message, ...(bizCode ? { ResultObject: { BizCode: bizCode } } : {}) });
}
