import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/eventually.js';
import { freePort, startBffProcess, type BffProcess } from '../support/processes.js';
import { sampleSum } from '../support/prometheus.js';

/** A GET on a connection of its own, so the cluster hands the requests round the workers. */
const getOnNewConnection = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

describe('metrics of a cluster of two workers', () => {
  let bff: BffProcess;
  let dataDir: string;
  let metricsUrl: string;
  const token = crypto.randomBytes(24).toString('hex');

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-metrics-'));
    // with the H5 app built, unknown paths fall back to its page: /metrics must still be refused
    const h5Dir = path.join(dataDir, 'h5');
    fs.mkdirSync(h5Dir);
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>H5</title>');
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    bff = await startBffProcess(
      {
        NODE_ENV: 'test',
        WEB_CONCURRENCY: '2',
        METRICS_PORT: String(metricsPort),
        METRICS_TOKEN: token,
        JWT_SECRET: crypto.randomBytes(32).toString('hex'),
        PII_KEY: crypto.randomBytes(32).toString('base64'),
        SEED_DEMO: 'false',
        DATA_DIR: dataDir,
        H5_DIR: h5Dir,
        SANDBOX_PORT: String(await freePort()),
      },
      { timeoutMs: 60_000 },
    );
  }, 90_000);

  afterAll(async () => {
    await bff?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the figures of every worker on the admin port only, behind the key', async () => {
    const scrape = async () => {
      const r = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(200);
      return r.text();
    };
    // the second worker may still be starting when the first answers /readyz
    const first = await eventually(
      scrape,
      (text) => sampleSum(text, 'cityhealth_cluster_workers', { state: 'answered' }) === 2,
      30_000,
    );
    const labels = { operation: 'listHospitals', status_class: '2xx' };
    const start = sampleSum(first, 'cityhealth_http_requests_total', labels);
    const startTimed = sampleSum(first, 'cityhealth_http_request_duration_seconds_count', {
      operation: 'listHospitals',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await getOnNewConnection(`${bff.url}/api/v1/hospitals`));
    expect(statuses.every((s) => s === 200)).toBe(true);

    const text = await scrape();
    expect(sampleSum(text, 'cityhealth_cluster_workers', { state: 'answered' })).toBe(2);
    expect(sampleSum(text, 'cityhealth_cluster_workers', { state: 'silent' })).toBe(0);
    // the primary's own figures, apart from the workers'
    expect(sampleSum(text, 'cityhealth_primary_process_resident_memory_bytes', {})).toBeGreaterThan(0);
    expect(sampleSum(text, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);
    // one worker alone would hold about half of them
    expect(sampleSum(text, 'cityhealth_http_requests_total', labels) - start).toBe(20);
    const timed = sampleSum(text, 'cityhealth_http_request_duration_seconds_count', { operation: 'listHospitals' });
    expect(timed - startTimed).toBe(20);

    expect((await fetch(metricsUrl)).status).toBe(401);
    const publicScrape = await fetch(`${bff.url}/metrics`);
    expect(publicScrape.status).toBe(404);
    expect(((await publicScrape.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
