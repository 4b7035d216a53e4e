import crypto from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';

/** Which image a ticket opens: an instance of a study at a hospital. */
export interface ImageTicket {
  hospitalId: string;
  studyUid: string;
  seriesUid: string;
  instanceUid: string;
}

const AUDIENCE = 'study-image';

/**
 * The expiring urls of a study's images: an `<image>` of a mini-program sends no Authorization
 * header, so the url itself carries an HS256 ticket (its own key, derived from the JWT secret)
 * naming the one image it opens and until when. Only a study's owner or a share's opener gets them.
 */
export class ImageTickets {
  private readonly sign: (payload: Record<string, unknown>) => string;
  private readonly verify: (token: string) => Record<string, unknown>;

  constructor(
    secret: Uint8Array,
    private readonly clock: Clock,
  ) {
    const key = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'cityhealth/records/image-ticket', 32));
    this.sign = createSigner({ key, algorithm: 'HS256', aud: AUDIENCE, noTimestamp: true });
    this.verify = createVerifier({
      key,
      algorithms: ['HS256'],
      allowedAud: AUDIENCE,
      ignoreExpiration: true,
      requiredClaims: ['exp', 'h', 'st', 'se', 'i'],
    });
  }

  issue(t: ImageTicket, expiresAt: number): string {
    return this.sign({
      h: t.hospitalId,
      st: t.studyUid,
      se: t.seriesUid,
      i: t.instanceUid,
      exp: Math.floor(expiresAt / 1000),
    });
  }

  /** The image a ticket opens; IMAGE_LINK_EXPIRED once past its time, NOT_FOUND for anything not ours. */
  open(token: string): ImageTicket {
    let p: Record<string, unknown>;
    try {
      p = this.verify(token);
    } catch {
      throw new AppError('NOT_FOUND', '图像链接无效');
    }
    if (Number(p.exp) * 1000 <= this.clock.now()) throw new AppError('IMAGE_LINK_EXPIRED');
    return { hospitalId: String(p.h), studyUid: String(p.st), seriesUid: String(p.se), instanceUid: String(p.i) };
  }
}
