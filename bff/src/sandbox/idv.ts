import { hasValidChecksum } from '@cityhealth/shared-types';
import { RpcGate } from './aliyun-rpc-gate.js';
import type { SandboxCredentials } from './credentials.js';
import { json, requestId, type Reply } from './http.js';

const NAME = /^[\p{Script=Han}A-Za-z·• ]{2,30}$/u;

/**
 * Aliyun cloudauth (2019-03-07) `Id2MetaVerify` (身份证二要素核验): any checksum-valid number
 * matches its name, except sequence code 999 (digits 15-17), which reports a mismatch. The other
 * documents are checked by another provider (entry-exit.ts).
 */
export class IdvEmulator {
  private readonly gate: RpcGate;

  constructor(creds: SandboxCredentials['idv']) {
    this.gate = new RpcGate({
      host: 'cloudauth.aliyuncs.com',
      version: '2019-03-07',
      actions: new Set(['Id2MetaVerify']),
      ...creds,
    });
  }

  handle(method: string, p: Map<string, string>): Reply {
    const refused = this.gate.check(method, p);
    if (refused) return refused;
    const id = (p.get('IdentifyNum') ?? '').toUpperCase();
    const name = p.get('UserName') ?? '';
    if (!id || !name || !p.get('ParamType')) return answer('400', '参数不能为空');
    if (p.get('ParamType') !== 'normal' || !NAME.test(name) || !hasValidChecksum(id)) return answer('401', '参数非法');
    return answer('200', 'success', id.slice(14, 17) === '999' ? '2' : '1');
  }
}

function answer(Code: string, Message: string, bizCode?: string): Reply {
  return json({ RequestId: requestId(), Code, Message, ...(bizCode ? { ResultObject: { BizCode: bizCode } } : {}) });
}
