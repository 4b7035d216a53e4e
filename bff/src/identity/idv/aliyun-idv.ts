import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { aliyunClient, type AliyunError } from '../aliyun-rpc.js';
import type { IdentityCheck, IdentityVerifier } from './verifier.js';

interface Id2MetaVerifyResponse {
  RequestId: string;
  Code: string;
  Message: string;
  ResultObject?: { BizCode?: string | number };
}

const OUTCOMES: Record<string, IdentityCheck> = { '1': 'match', '2': 'mismatch', '3': 'no-record' };

/** Aliyun cloudauth `Id2MetaVerify` (version 2019-03-07): BizCode 1 match, 2 mismatch, 3 no record. */
export class AliyunIdentityVerifier implements IdentityVerifier {
  private readonly client: ReturnType<typeof aliyunClient>;

  constructor(private readonly o: { endpoint: string; accessKeyId: string; accessKeySecret: string; logger: Logger }) {
    this.client = aliyunClient({
      endpoint: o.endpoint,
      apiVersion: '2019-03-07',
      accessKeyId: o.accessKeyId,
      accessKeySecret: o.accessKeySecret,
    });
  }

  async verify(name: string, idNumber: string): Promise<IdentityCheck> {
    let r: Id2MetaVerifyResponse;
    try {
      r = await this.client.call<Id2MetaVerifyResponse>('Id2MetaVerify', {
        ParamType: 'normal',
        IdentifyNum: idNumber,
        UserName: name,
      });
    } catch (e) {
      const err = e as AliyunError;
      if (err.code === '401') throw new AppError('REAL_NAME_MISMATCH', '姓名或证件号码不符合核验要求，请核对');
      this.o.logger.warn(
        { service: 'aliyun-idv', code: err.code, requestId: err.data?.RequestId },
        'Id2MetaVerify failed',
      );
      throw new AppError('REAL_NAME_UNAVAILABLE');
    }
    const outcome = OUTCOMES[String(r.ResultObject?.BizCode)];
    if (!outcome) {
      this.o.logger.warn({ service: 'aliyun-idv', bizCode: r.ResultObject?.BizCode }, 'Id2MetaVerify: unknown BizCode');
      throw new AppError('REAL_NAME_UNAVAILABLE');
    }
    return outcome;
  }
}
