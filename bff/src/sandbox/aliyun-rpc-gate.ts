import crypto from 'node:crypto';
import { json, requestId, type Reply } from './http.js';
import { rpcSignature } from './signing/aliyun-rpc.js';

export interface RpcProduct {
  host: string;
  version: string;
  actions: Set<string>;
  accessKeyId: string;
  accessKeySecret: string;
}

const MAX_SKEW_MS = 15 * 60_000;

/**
 * The common checks of an Aliyun RPC-style API: version, action, credentials, timestamp, nonce
 * replay and the HMAC-SHA1 signature. Returns the error reply, or null when the request is good.
 */
export class RpcGate {
  private readonly nonces = new Map<string, number>();

  constructor(private readonly product: RpcProduct) {}

  check(method: string, p: Map<string, string>): Reply | null {
    const fail = (status: number, Code: string, Message: string) =>
      json(
        {
          RequestId: requestId(),
          HostId: this.product.host,
          Code,
          Message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${Code}`,
        },
        status,
      );
    for (const field of [
      'Action',
      'Version',
      'AccessKeyId',
      'Signature',
      'SignatureMethod',
      'SignatureVersion',
      'SignatureNonce',
      'Timestamp',
    ]) {
      if (!p.get(field)) return fail(400, `Missing${field}`, `${field} is mandatory for this action.`);
    }
    if (p.get('Version') !== this.product.version)
      return fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    if (!this.product.actions.has(p.get('Action')!))
      return fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (p.get('SignatureMethod') !== 'HMAC-SHA1' || p.get('SignatureVersion') !== '1.0')
      return fail(400, 'InvalidSignatureMethod', 'Specified signature method is not valid.');
    if (p.get('AccessKeyId') !== this.product.accessKeyId)
      return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const at = Date.parse(p.get('Timestamp')!);
    if (Number.isNaN(at))
      return fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    if (Math.abs(at - Date.now()) > MAX_SKEW_MS)
      return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const expected = rpcSignature(method, p, this.product.accessKeySecret);
    const given = p.get('Signature')!;
    if (expected.length !== given.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(given))) {
      return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    const nonce = p.get('SignatureNonce')!;
    this.sweep();
    if (this.nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.set(nonce, Date.now());
    return null;
  }

  private sweep(): void {
    if (this.nonces.size < 10_000) return;
    const cutoff = Date.now() - 2 * MAX_SKEW_MS;
    for (const [n, at] of this.nonces) if (at < cutoff) this.nonces.delete(n);
  }
}
