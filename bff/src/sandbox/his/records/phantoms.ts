import type { GeneratedInstance } from './generated-studies.js';
import { SeededRandom } from './seed.js';

/* Synthetic images: what the emulated modalities "acquire". Plain loops over typed arrays (a few ms each). */

// module bindings, not look-ups of the global Math in the loops (slow where the global is a proxy, as under jest)
const { PI, abs, cos, max, min, round, sin, sqrt, tan } = Math;

/** A fast deterministic noise source in [-1, 1) (xorshift32). */
function noise(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2147483648 - 1;
  };
}

/** Whether (x, y) lies in the ellipse around (cx, cy) with half-axes a, b: ≤ 1 inside. */
const ellipse = (x: number, y: number, cx: number, cy: number, a: number, b: number) =>
  ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2;

/**
 * An axial chest CT slice in Hounsfield units plus 1024 (stored values for RescaleIntercept -1024):
 * air, a body ellipse with a fat rim, two lungs whose size follows the slice's height, the heart in
 * the lower slices, the spine, ribs and the sternum.
 */
export function ctSlice(i: GeneratedInstance): Int16Array {
  const { rows, columns } = i;
  const out = new Int16Array(rows * columns);
  const r = new SeededRandom(i.seed);
  const rnd = noise(r.int(1, 2 ** 30));
  const z = i.count > 1 ? i.index / (i.count - 1) : 0.5;
  const s = columns / 512;
  const cx = columns / 2;
  const cy = rows * 0.52;
  const bodyA = 205 * s;
  const bodyB = 145 * s * (0.95 + 0.05 * sin(PI * z));
  const lung = sin(PI * (0.12 + 0.8 * z));
  const lungA = 68 * s * (0.55 + 0.45 * lung);
  const lungB = 92 * s * (0.55 + 0.45 * lung);
  const heart = z > 0.45 ? (z - 0.45) / 0.55 : 0;
  const ribAngles = Array.from({ length: 12 }, (_, k) => (k / 12) * 2 * PI + z * 0.6 + 0.25);
  const ribs = ribAngles
    .filter((a) => sin(a) > -0.75)
    .map((a) => [cx + cos(a) * bodyA * 0.86, cy + sin(a) * bodyB * 0.84] as const);
  const ribR2 = (7 * s) ** 2;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const body = ellipse(x, y, cx, cy, bodyA, bodyB);
      let hu: number;
      if (body > 1) hu = -1000 + rnd() * 15;
      else if (body > 0.86) hu = -100 + rnd() * 15;
      else {
        hu = 40 + rnd() * 12;
        const left = ellipse(x, y, cx - 95 * s, cy - 10 * s, lungA, lungB);
        const right = ellipse(x, y, cx + 95 * s, cy - 10 * s, lungA * 1.05, lungB);
        if (left <= 1 || right <= 1) {
          hu = -820 + rnd() * 40;
          // vessels in the lungs
          if (((x * 7 + y * 13 + i.index * 5) & 255) === 0) hu = 30;
        }
        if (heart > 0 && ellipse(x, y, cx + 20 * s, cy + 5 * s, 62 * s * heart, 52 * s * heart) <= 1) hu = 45;
        const spine = ellipse(x, y, cx, cy + 95 * s, 24 * s, 22 * s);
        if (spine <= 1) hu = ellipse(x, y, cx, cy + 95 * s, 18 * s, 16 * s) <= 1 ? 300 : 750;
        if (ellipse(x, y, cx, cy + 128 * s, 9 * s, 9 * s) <= 1) hu = 20;
        if (z < 0.7 && ellipse(x, y, cx, cy - 128 * s, 16 * s, 7 * s) <= 1) hu = 650;
        for (const [rx, ry] of ribs) if ((x - rx) ** 2 + (y - ry) ** 2 <= ribR2) hu = 700;
      }
      out[y * columns + x] = round(hu) + 1024;
    }
  }
  return out;
}

/** A chest radiograph (PA), 12-bit stored in 16: dark lungs, bright mediastinum, spine, ribs and diaphragm. */
export function dxImage(i: GeneratedInstance): Uint16Array {
  const { rows, columns } = i;
  const out = new Uint16Array(rows * columns);
  const rnd = noise(new SeededRandom(i.seed).int(1, 2 ** 30));
  const cx = columns / 2;
  // what depends on the column only, once per column (no trigonometry per pixel)
  const across = Float64Array.from({ length: columns }, (_, x) => abs((x - cx) / columns));
  const side = Float64Array.from({ length: columns }, (_, x) => (x - cx) / columns);
  const diaphragm = Float64Array.from(across, (a) => 0.72 + 0.06 * cos(a * 6));
  for (let y = 0; y < rows; y++) {
    const v = y / rows;
    const bodyHalf = 0.46 - 0.08 * max(0, 0.15 - v);
    for (let x = 0; x < columns; x++) {
      const a = across[x]!;
      const u = side[x]!;
      let value = 180;
      if (a < bodyHalf) {
        value = 1900;
        if (a > 0.07 && a < 0.4 && v > 0.14 && v < diaphragm[x]!) {
          value = 650 + 250 * a;
          const ribPhase = (v * 22 + a * 4) % 1;
          if (ribPhase < 0.18) value += 700;
        }
        if (a < 0.045) value = 2900;
        if (v > 0.1 && v < 0.16 && a < 0.33) value = max(value, 2500 - a * 1500);
        if (v > 0.35 && v < 0.68 && u > -0.04 && u < 0.17 - (v - 0.35) * 0.2) value = max(value, 2200);
      }
      const n = round(value + rnd() * 40);
      out[y * columns + x] = max(0, min(4095, n));
    }
  }
  return out;
}

/** A thyroid ultrasound frame, RGB: a speckled fan, the gland, on the first image a hypoechoic nodule. */
export function usImage(i: GeneratedInstance): Uint8Array {
  const { rows, columns } = i;
  const out = new Uint8Array(rows * columns * 3);
  const rnd = noise(new SeededRandom(i.seed).int(1, 2 ** 30));
  const ax = columns / 2;
  const ay = rows * 0.06;
  const slope = tan((36 * PI) / 180);
  const near = rows * 0.08;
  const far = rows * 0.92;
  const longitudinal = i.index % 2 === 1;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const dx = x - ax;
      const dy = y - ay;
      const radius = sqrt(dx * dx + dy * dy);
      let g = 0;
      // inside the fan: within 36° of straight down from the probe, between the near and far arcs
      if (dy > 0 && abs(dx) <= dy * slope && radius >= near && radius <= far) {
        const depth = (radius - near) / (far - near);
        g = 70 + 50 * (1 - depth) + rnd() * 35;
        const lobe = longitudinal
          ? ellipse(x, y, ax, rows * 0.42, columns * 0.25, rows * 0.12)
          : min(
              ellipse(x, y, ax - columns * 0.14, rows * 0.42, columns * 0.12, rows * 0.13),
              ellipse(x, y, ax + columns * 0.14, rows * 0.42, columns * 0.12, rows * 0.13),
            );
        if (lobe <= 1) g = 135 + rnd() * 30;
        if (!longitudinal && ellipse(x, y, ax + columns * 0.16, rows * 0.43, 16, 13) <= 1) g = 40 + rnd() * 15;
        if (ellipse(x, y, ax, rows * 0.7, columns * 0.3, rows * 0.03) <= 1) g = 200 + rnd() * 30;
      }
      const k = (y * columns + x) * 3;
      const v = max(0, min(255, round(g)));
      out[k] = v;
      out[k + 1] = v;
      out[k + 2] = v;
    }
  }
  // a depth scale along the right edge, in the scanner's yellow
  for (let y = round(near); y < far; y += round(rows / 24)) {
    for (let x = columns - 24; x < columns - 12; x++) {
      const k = (y * columns + x) * 3;
      out[k] = 230;
      out[k + 1] = 200;
      out[k + 2] = 40;
    }
  }
  return out;
}
