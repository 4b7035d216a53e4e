import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signatureMatches, signHospitalCall, stringToSign } from '../../src/hospital/signature.js';

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
