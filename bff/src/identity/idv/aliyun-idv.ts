import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { aliyunClient, type AliyunError } from '../aliyun-rpc.js';
import type { IdCardVerifier, IdentityCheck } from './verifier.js';

interface VerifyResponse {
  RequestId: string;
  Code: string;
  Message: string;
  ResultObject?: { BizCode?: string | number };
}

const OUTCOMES: Record<string, IdentityCheck> = { '1': 'match', '2': 'mismatch', '3': 'no-record' };

/**
 * Aliyun cloudauth (version 2019-03-07) `Id2MetaVerify`, the resident ID card only (BizCode 1 match,
 * 2 mismatch, 3 no record); the other documents go to the entry-exit check (jumdata-entry-exit.ts).
 */
export class AliyunIdentityVerifier implements IdCardVerifier {
  private readonly client: ReturnType<typeof aliyunClient>;

  constructor(private readonly o: { endpoint: string; accessKeyId: string; accessKeySecret: string; logger: Logger }) {
    this.client = aliyunClient({
      endpoint: o.endpoint,
      apiVersion: '2019-03-07',
      accessKeyId: o.accessKeyId,
      accessKeySecret: o.accessKeySecret,
    });
  }

  verify(name: string, idNumber: string): Promise<IdentityCheck> {
    return this.call('Id2MetaVerify', { ParamType: 'normal', IdentifyNum: idNumber, UserName: name });
  }

  private async call(action: string, params: Record<string, string>): Promise<IdentityCheck> {
    let r: VerifyResponse;
    try {
      r = await this.client.call<VerifyResponse>(action, params).catch((e: AliyunError) => {
        // a kept-alive connection the service closed as it was reused: the check never arrived, ask once more
        if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return this.client.call<VerifyResponse>(action, params);
        throw e;
      });
    } catch (e) {
      const err = e as AliyunError;
      if (err.code === '401') throw new AppError('REAL_NAME_MISMATCH', '姓名或证件号码不符合核验要求，请核对');
      this.o.logger.warn({ service: 'aliyun-idv', action, code: err.code, requestId: err.data?.RequestId }, 'failed');
      throw new AppError('REAL_NAME_UNAVAILABLE');
    }
    const outcome = OUTCOMES[String(r.ResultObject?.BizCode)];
    if (!outcome) {
      this.o.logger.warn({ service: 'aliyun-idv', action, bizCode: r.ResultObject?.BizCode }, 'unknown BizCode');
      throw new AppError('REAL_NAME_UNAVAILABLE');
    }
    return outcome;
  }
}
