import RPCClient from '@alicloud/pop-core';

export interface AliyunRpcOptions {
  endpoint: string;
  apiVersion: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export const ALIYUN_TIMEOUT_MS = 5000;

/** What `@alicloud/pop-core` throws: the service's `Code` when it answered, none on transport failure. */
export interface AliyunError {
  code?: string;
  data?: { Code?: string; Message?: string; RequestId?: string };
  message: string;
}

/** A pop-core RPC client (HMAC-SHA1 signed, POST form) for one Aliyun product. */
export function aliyunClient(o: AliyunRpcOptions): {
  call<T>(action: string, params: Record<string, string>): Promise<T>;
} {
  const client = new RPCClient({
    endpoint: o.endpoint,
    apiVersion: o.apiVersion,
    accessKeyId: o.accessKeyId,
    accessKeySecret: o.accessKeySecret,
  });
  return {
    call: <T>(action: string, params: Record<string, string>) =>
      client.request<T>(action, params, { method: 'POST', timeout: ALIYUN_TIMEOUT_MS, formatParams: false }),
  };
}
