import crypto from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { idTypeOf } from './cert-types.js';
import type { DocumentVerifier, IdentityCheck, TravelDocument } from './verifier.js';

export const ENTRY_EXIT_TIMEOUT_MS = 5000;

/** The provider's envelope, common to its products: code 200 is success, the result is under `data`. */
interface Envelope {
  code?: unknown;
  msg?: unknown;
  taskNo?: unknown;
  charge?: unknown;
  data?: { result?: unknown; desc?: unknown } | null;
}

/**
 * `data.result` and the `desc` that must go with it. The provider's published page was not found
 * beyond its request (docs/patients-and-privacy.md): an answer that does not pair a known result with
 * its description is treated as the service failing, never as a match.
 */
const OUTCOMES: Record<string, { desc: string; outcome: IdentityCheck }> = {
  '0': { desc: '一致', outcome: 'match' },
  '1': { desc: '不一致', outcome: 'mismatch' },
  '2': { desc: '无记录', outcome: 'no-record' },
};

/** The provider's code for a parameter it refuses (its published error sample); anything else is its own trouble. */
const BAD_PARAMETER = 400;

/** A reset of a kept-alive connection the service had closed: the request never arrived. */
const isStaleConnection = (e: unknown): boolean => {
  const code = (e as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
};

/**
 * 聚美智数 出入境证件核验 (`POST …/entry-exit/check`, form-encoded): appId, timestamp (ms), sign =
 * hex sha256(appId + appSecret + timestamp), name, idType (cert-types.ts), idNum, nation (ISO 3166
 * alpha-3). Answers `{code, msg, taskNo, charge, data}`.
 */
export class JumdataEntryExitVerifier implements DocumentVerifier {
  constructor(
    private readonly o: {
      endpoint: string;
      appId: string;
      appSecret: string;
      logger: Logger;
      now?: () => number;
    },
  ) {}

  async verifyDocument(d: TravelDocument): Promise<IdentityCheck> {
    const idType = idTypeOf(d.type, d.nationality);
    if (!idType) throw new AppError('DOCUMENT_NOT_VERIFIABLE_ONLINE');
    const answer = await this.post({ name: d.name, idType, idNum: d.number, nation: d.nationality });
    const code = Number(answer.code);
    if (code === BAD_PARAMETER) throw new AppError('REAL_NAME_MISMATCH', '姓名或证件号码不符合核验要求，请核对');
    if (code !== 200) {
      // the provider's message on its own failures (sign, balance, outage) names no person
      this.warn({ code: answer.code, msg: String(answer.msg ?? '').slice(0, 100), taskNo: answer.taskNo }, 'refused');
      throw new AppError('REAL_NAME_UNAVAILABLE');
    }
    const known = OUTCOMES[String(answer.data?.result)];
    if (!known || answer.data?.desc !== known.desc) {
      this.warn({ result: answer.data?.result, desc: answer.data?.desc, taskNo: answer.taskNo }, 'unknown result');
      throw new AppError('REAL_NAME_UNAVAILABLE');
    }
    return known.outcome;
  }

  private async post(fields: Record<string, string>): Promise<Envelope> {
    const send = () => {
      const timestamp = String((this.o.now ?? Date.now)());
      const sign = crypto
        .createHash('sha256')
        .update(this.o.appId + this.o.appSecret + timestamp, 'utf8')
        .digest('hex');
      const body = new URLSearchParams({ appId: this.o.appId, timestamp, sign, ...fields });
      return fetch(this.o.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body,
        signal: AbortSignal.timeout(ENTRY_EXIT_TIMEOUT_MS),
      });
    };
    let text: string;
    let status: number;
    try {
      const res = await send().catch((e: unknown) => {
        if (isStaleConnection(e)) return send();
        throw e;
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      this.warn({ err: (e as Error).name, cause: (e as { cause?: { code?: string } }).cause?.code }, 'unreachable');
      throw new AppError('REAL_NAME_UNAVAILABLE');
    }
    try {
      const body = JSON.parse(text) as unknown;
      if (body && typeof body === 'object' && !Array.isArray(body)) return body as Envelope;
    } catch {
      /* answered below */
    }
    this.warn({ status }, 'answer is not a JSON object');
    throw new AppError('REAL_NAME_UNAVAILABLE');
  }

  private warn(detail: Record<string, unknown>, message: string): void {
    this.o.logger.warn({ service: 'entry-exit-idv', ...detail }, message);
  }
}
