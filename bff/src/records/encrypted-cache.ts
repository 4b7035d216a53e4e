import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * What was read from a hospital, kept a short while in this process only, encrypted (AES-256-GCM)
 * under a key that exists nowhere but in this process's memory: a heap dump or swap shows no report.
 * Loads of the same key at the same time share one call.
 */
export class EncryptedCache {
  private readonly key = crypto.randomBytes(32);
  private readonly entries: LRUCache<string, Buffer> | null;
  private readonly loading = new Map<string, Promise<Buffer>>();

  constructor(ttlMs: number, maxBytes: number) {
    this.entries =
      ttlMs > 0
        ? new LRUCache<string, Buffer>({ ttl: ttlMs, maxSize: maxBytes, sizeCalculation: (v) => v.length })
        : null;
  }

  /** The cached bytes of `key`, or `load`'s, kept when `keep` says so (a failure or an empty answer is not kept). */
  async bytes(key: string, load: () => Promise<Buffer>, keep: (b: Buffer) => boolean = () => true): Promise<Buffer> {
    const sealed = this.entries?.get(key);
    if (sealed) return this.open(key, sealed);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load().then((b) => {
      if (keep(b)) this.entries?.set(key, this.seal(key, b));
      return b;
    });
    this.loading.set(key, loaded);
    try {
      return await loaded;
    } finally {
      this.loading.delete(key);
    }
  }

  async json<T>(key: string, load: () => Promise<T>, keep: (v: T) => boolean = () => true): Promise<T> {
    let value: T | undefined;
    const b = await this.bytes(
      key,
      async () => {
        value = await load();
        return Buffer.from(JSON.stringify(value));
      },
      () => keep(value as T),
    );
    return value !== undefined ? value : (JSON.parse(b.toString('utf8')) as T);
  }

  private seal(key: string, plain: Buffer): Buffer {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(key));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private open(key: string, sealed: Buffer): Buffer {
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(key));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  }
}
