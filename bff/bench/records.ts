import { Pool } from 'undici';
import type { Database } from '../src/db/database.js';
import { percentile, round } from './stats.js';
import { releaseStorm, type StormPatient } from './storm.js';

export interface RecordsBenchOptions {
  bffUrl: string;
  sandboxUrl: string;
  db: Database;
  hospitalId: string;
  hospitalCode: string;
  scheduleIds: string[];
  patients: StormPatient[];
  /** How long the emulated HIS takes to answer each FHIR and DICOMweb call. */
  hisDelayMs: number;
  imageSeconds: number;
  cpuSeconds: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fault(o: RecordsBenchOptions, body: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${o.sandboxUrl}/his/${o.hospitalCode}/sandbox/records/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`records fault: ${r.status} ${await r.text()}`);
}

/** Every patient asks for their report list at once; the latencies of the answers. */
async function reportLists(pool: Pool, o: RecordsBenchOptions) {
  const latencies: number[] = [];
  let failed = 0;
  const cpuBefore = o.cpuSeconds();
  await Promise.all(
    o.patients.map(async (p, i) => {
      const started = performance.now();
      const res = await pool.request({
        method: 'GET',
        path: `/api/v1/patients/${p.patientId}/reports?hospitalId=${o.hospitalId}`,
        headers: { authorization: `Bearer ${p.token}`, 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` },
      });
      const body = (await res.body.json()) as { items?: unknown[]; hospitals?: { outcome: string }[] };
      latencies.push(performance.now() - started);
      if (res.statusCode !== 200 || body.hospitals?.[0]?.outcome !== 'ok' || !body.items?.length) failed++;
    }),
  );
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(percentile(latencies, 100)),
    // The BFF's and, in the sandbox, the emulated hospital's own CPU (the same process tree).
    cpuMsPerList: round(((o.cpuSeconds() - cpuBefore) * 1000) / o.patients.length, 2),
    failed,
  };
}

/** Images fetched through the BFF for `seconds`, `concurrency` at a time, from `urls` in turn. */
async function imageThroughput(pool: Pool, urls: string[], seconds: number, concurrency: number, cpu: () => number) {
  let next = 0;
  let images = 0;
  let bytes = 0;
  let failed = 0;
  const latencies: number[] = [];
  const cpuBefore = cpu();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      // Once through the urls (seconds = 0), or round and round for `seconds`.
      const more = () => (seconds > 0 ? performance.now() < until : next < urls.length);
      while (more()) {
        const url = urls[next++ % urls.length]!;
        const t = performance.now();
        const res = await pool.request({ method: 'GET', path: url });
        const body = Buffer.from(await res.body.arrayBuffer());
        latencies.push(performance.now() - t);
        if (res.statusCode === 200 && body.length > 0) {
          images++;
          bytes += body.length;
        } else failed++;
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  return {
    imagesPerSecond: round(images / wall),
    megabytesPerSecond: round(bytes / wall / 2 ** 20, 2),
    meanKiB: images ? round(bytes / images / 1024) : 0,
    latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
    cpuMsPerImage: images ? round(((cpu() - cpuBefore) * 1000) / images, 2) : null,
    failed,
  };
}

/**
 * Reports and imaging under load: the patients book at a hospital whose emulated HIS answers every
 * record call in `hisDelayMs`, then all ask for their report list at once (cold: nothing cached;
 * warm: asked again within the cache's minute); then a CT study's rendered images through the BFF.
 */
export async function recordsBench(o: RecordsBenchOptions, log: (m: string) => void): Promise<Record<string, unknown>> {
  // The hospital's emulated HIS takes its pushes (it learns the patients from their bookings).
  await fetch(`${o.bffUrl}/sandbox/hospitals/${o.hospitalCode}/credentials`).then((r) => r.arrayBuffer());
  const booked = await releaseStorm(o.bffUrl, o.patients, o.scheduleIds, 50);
  if (booked.created < o.patients.length) throw new Error(`records bench: only ${booked.created} booked`);
  for (let waited = 0; ; waited += 250) {
    const [row] = await o.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM hospital_event WHERE hospital_id = ? AND delivered_at IS NOT NULL',
      [o.hospitalId],
    );
    if (Number(row!.n) >= o.patients.length) break;
    if (waited > 120_000) {
      const his = await (await fetch(`${o.sandboxUrl}/his/sandbox/summary`)).text();
      throw new Error(
        `records bench: ${row!.n} bookings delivered to the emulated HIS of ${o.patients.length}: ${his}`,
      );
    }
    await sleep(250);
  }
  log(`records: ${o.patients.length} patients booked and known to the hospital; HIS answers in ${o.hisDelayMs} ms`);
  const pool = new Pool(o.bffUrl, { connections: o.patients.length });
  try {
    await fault(o, { mode: 'slow', delayMs: o.hisDelayMs });
    const cold = await reportLists(pool, o);
    const warm = await reportLists(pool, o);
    await fault(o, { mode: 'off' });

    const owner = o.patients[0]!;
    const headers = { authorization: `Bearer ${owner.token}` };
    const list = (await (
      await pool.request({
        method: 'GET',
        path: `/api/v1/patients/${owner.patientId}/imaging?hospitalId=${o.hospitalId}`,
        headers,
      })
    ).body.json()) as { items?: { studyId: string; modality: string }[] };
    const ct = list.items?.find((s) => s.modality === 'CT');
    if (!ct) throw new Error(`records bench: no CT study in ${JSON.stringify(list).slice(0, 300)}`);
    const study = (await (
      await pool.request({
        method: 'GET',
        path: `/api/v1/patients/${owner.patientId}/imaging/${ct.studyId}?hospitalId=${o.hospitalId}`,
        headers,
      })
    ).body.json()) as {
      series: { images: { url: string; thumbnailUrl: string }[] }[];
      windowPresets: { id: string }[];
    };
    const images = study.series.flatMap((s) => s.images);
    const windows = ['', ...study.windowPresets.map((w) => w.id)];
    const distinct = images.flatMap((im) => windows.map((w) => (w ? `${im.url}?window=${w}` : im.url)));
    log(`records: ${distinct.length} distinct CT renderings (${images.length} slices × ${windows.length} windows)`);
    const renderedCold = await imageThroughput(pool, distinct, 0, 8, o.cpuSeconds);
    const renderedWarm = await imageThroughput(pool, distinct, o.imageSeconds, 8, o.cpuSeconds);
    return {
      patients: o.patients.length,
      hisDelayMs: o.hisDelayMs,
      // Each list is two calls to the hospital (the Patient by ID number, then its reports), one after the other.
      reportListMs: { cold, warm },
      renderedImages: {
        imageBytes: 'JPEG, 1024 px viewport',
        coldEachRenderedOnce: renderedCold,
        warmFromCacheForSeconds: { seconds: o.imageSeconds, ...renderedWarm },
      },
    };
  } finally {
    await pool.close();
  }
}
