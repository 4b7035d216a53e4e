import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signatureMatches, signatureMethodOf, signHospitalCall, stringToSign } from '../../src/hospital/signature.js';

/*
 * The worked examples of docs/hospital-interface.md. Their signatures were computed with OpenSSL
 * (`openssl dgst -sha256 -hmac … -binary | base64`, as the document shows), not with this code.
 */
const SECRET = 'hs_demo-secret-of-hospital-11010101';
const ATTENDANCE = {
  method: 'POST',
  pathWithQuery: '/api/hospital/v1/orders/01a2315f-05c6-7338-8c55-4d6e8aa9b215/attendance',
  timestamp: '1796100000',
  nonce: 'q8WJ3nZ0tL5xY2aB7cD9eF',
  body: '{"status":"noshow"}',
};
const ATTENDANCE_SIGNATURE = 'h1SvdU/UkhvCATsjIvdvYKHht3FAePyKTYyWakyOnus=';
const LIST = {
  method: 'GET',
  pathWithQuery: '/api/hospital/v1/orders?date=2026-12-03&limit=2',
  timestamp: '1796100000',
  nonce: 'r9XK4oA1uM6yZ3bC8dE0fG',
  body: '',
};
const LIST_SIGNATURE = 'bqhmHl96RTg4HPz+6DmiKI11+92xioXLnRNC+vkwMQc=';

const doc = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/hospital-interface.md'),
  'utf8',
);

describe('hospital call signatures', () => {
  it('signs the documented examples as OpenSSL does', () => {
    expect(signHospitalCall(SECRET, ATTENDANCE)).toBe(ATTENDANCE_SIGNATURE);
    expect(signHospitalCall(SECRET, LIST)).toBe(LIST_SIGNATURE);
    expect(stringToSign(ATTENDANCE).split('\n')).toEqual([
      'POST',
      ATTENDANCE.pathWithQuery,
      '1796100000',
      'q8WJ3nZ0tL5xY2aB7cD9eF',
      '0a51856d5455b1568861042d10a480a022823c2e7f7aaec89e2c8f31994a7675',
    ]);
  });

  it('is what the published document says', () => {
    for (const text of [ATTENDANCE_SIGNATURE, LIST_SIGNATURE, SECRET, ATTENDANCE.nonce, LIST.pathWithQuery]) {
      expect(doc).toContain(text);
    }
  });

  it('accepts the signature under any active secret and refuses every change', () => {
    expect(signatureMatches(['hs_other', SECRET], ATTENDANCE, ATTENDANCE_SIGNATURE)).toBe(true);
    expect(signatureMatches(['hs_other'], ATTENDANCE, ATTENDANCE_SIGNATURE)).toBe(false);
    expect(signatureMatches([], ATTENDANCE, ATTENDANCE_SIGNATURE)).toBe(false);
    for (const changed of [
      { ...ATTENDANCE, body: '{"status":"arrived"}' },
      { ...ATTENDANCE, method: 'PUT' },
      { ...ATTENDANCE, pathWithQuery: `${ATTENDANCE.pathWithQuery}?x=1` },
      { ...ATTENDANCE, timestamp: '1796100001' },
      { ...ATTENDANCE, nonce: 'q8WJ3nZ0tL5xY2aB7cD9eG' },
    ]) {
      expect(signatureMatches([SECRET], changed, ATTENDANCE_SIGNATURE)).toBe(false);
    }
    expect(signatureMatches([SECRET], ATTENDANCE, 'not base64!')).toBe(false);
    expect(signatureMatches([SECRET], ATTENDANCE, ATTENDANCE_SIGNATURE.slice(0, -4))).toBe(false);
  });
});

describe('HMAC-SM3 hospital call signatures', () => {
  // Computed with OpenSSL: `openssl dgst -sm3` of the body, then `openssl dgst -sm3 -hmac … -binary | base64`.
  const ATTENDANCE_SM3_BODY = '963b70a38c44e8b5f74610accf40c9e5fbc5a04107c8d67cee296a58614b697c';
  const ATTENDANCE_SM3_SIGNATURE = 'jAMcN1WvlHKy8eTsidFypee0v/fHd+7X9ZS4OxDrU8c=';

  it('signs the documented example as OpenSSL does, the body digested with SM3', () => {
    expect(stringToSign(ATTENDANCE, 'HMAC-SM3').split('\n').at(-1)).toBe(ATTENDANCE_SM3_BODY);
    expect(signHospitalCall(SECRET, ATTENDANCE, 'HMAC-SM3')).toBe(ATTENDANCE_SM3_SIGNATURE);
    expect(doc).toContain(ATTENDANCE_SM3_SIGNATURE);
  });

  it('matches only under the method it was made with', () => {
    expect(signatureMatches([SECRET], ATTENDANCE, ATTENDANCE_SM3_SIGNATURE, 'HMAC-SM3')).toBe(true);
    expect(signatureMatches([SECRET], ATTENDANCE, ATTENDANCE_SM3_SIGNATURE)).toBe(false);
    expect(signatureMatches([SECRET], ATTENDANCE, ATTENDANCE_SIGNATURE, 'HMAC-SM3')).toBe(false);
    expect(
      signatureMatches([SECRET], { ...ATTENDANCE, nonce: 'x'.repeat(22) }, ATTENDANCE_SM3_SIGNATURE, 'HMAC-SM3'),
    ).toBe(false);
  });

  it('reads the method header: absent is HMAC-SHA256, an unknown one is refused', () => {
    expect(signatureMethodOf(undefined)).toBe('HMAC-SHA256');
    expect(signatureMethodOf('HMAC-SM3')).toBe('HMAC-SM3');
    expect(signatureMethodOf('hmac-sm3')).toBe('HMAC-SM3');
    expect(signatureMethodOf('HMAC-MD5')).toBeNull();
  });
});
