import { Writable } from 'node:stream';
import pino from 'pino';
import { logRequest } from '../../src/http/middleware/request-context.js';

describe('request log lines', () => {
  it('leave out the credential of an image url and of a share link', () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const line = (path: string) => logRequest(logger, { requestId: 'r', method: 'GET', path, status: 200, started: 0 });
    line('/api/v1/images/eyJhbGciOiJIUzI1NiJ9.eyJoIjoiaDEifQ.c2lnbmF0dXJl');
    line('/share/AbCdEfGhIjKlMnOpQrStUvWxYz012345');
    line('/api/v1/shares/AbCdEfGhIjKlMnOpQrStUvWxYz012345/open');
    line('/api/v1/patients/p1/reports');
    const paths = lines.map((l) => JSON.parse(l).path);
    expect(paths).toEqual(['/api/v1/images/…', '/share/…', '/api/v1/shares/…/open', '/api/v1/patients/p1/reports']);
    expect(lines.join('')).not.toMatch(/eyJ|AbCdEf/);
  });
});
