import dcmjs from 'dcmjs';
import sharp from 'sharp';

/* Rendered images (WADO-RS /rendered and /thumbnail) made from a DICOM file's own pixel data. */

export type VoiFunction = 'linear' | 'linear-exact' | 'sigmoid';

export interface RenderRequest {
  /** The VOI window; the file's first WindowCenter/WindowWidth when absent. */
  window: { center: number; width: number; fn: VoiFunction } | null;
  /** The box the image is fitted in, aspect ratio kept; the image's own size when absent. */
  viewport: { width: number; height: number } | null;
  format: 'jpeg' | 'png';
  quality: number;
}

export class RenderRequestInvalid extends Error {}

const MAX_VIEWPORT = 4096;
// module bindings, not look-ups of the global Math in the per-value loops
const { exp, round } = Math;

/** `window=<center>,<width>[,<function>]` (PS3.18 8.3.5.1.4). */
export function parseWindow(text: string | null): RenderRequest['window'] {
  if (text === null) return null;
  const [c, w, f = 'linear'] = text.split(',');
  const center = Number(c);
  const width = Number(w);
  if (!c || !w || !Number.isFinite(center) || !Number.isFinite(width) || width < 1)
    throw new RenderRequestInvalid('window must be <center>,<width>[,linear|linear-exact|sigmoid] with width ≥ 1');
  if (f !== 'linear' && f !== 'linear-exact' && f !== 'sigmoid')
    throw new RenderRequestInvalid(`window function ${f} is not linear, linear-exact or sigmoid`);
  return { center, width, fn: f };
}

/** `viewport=<width>,<height>` (further crop values are not supported and ignored). */
export function parseViewport(text: string | null): RenderRequest['viewport'] {
  if (text === null) return null;
  const [w, h] = text.split(',').map((v) => Number(v));
  if (
    !w ||
    !h ||
    !Number.isInteger(w) ||
    !Number.isInteger(h) ||
    w < 1 ||
    h < 1 ||
    w > MAX_VIEWPORT ||
    h > MAX_VIEWPORT
  )
    throw new RenderRequestInvalid(`viewport must be <width>,<height>, each 1–${MAX_VIEWPORT}`);
  return { width: w, height: h };
}

export function parseQuality(text: string | null): number {
  if (text === null) return 90;
  const q = Number(text);
  if (!Number.isInteger(q) || q < 1 || q > 100) throw new RenderRequestInvalid('quality must be 1–100');
  return q;
}

/** The media type an Accept header asks for (JPEG unless PNG comes first); null when neither is acceptable. */
export function renderedFormat(accept: string | undefined): 'jpeg' | 'png' | null {
  if (!accept) return 'jpeg';
  for (const part of accept.split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    if (type === 'image/jpeg' || type === 'image/*' || type === '*/*') return 'jpeg';
    if (type === 'image/png') return 'png';
  }
  return null;
}

const first = (v: unknown): number | null => {
  const x = Array.isArray(v) ? v[0] : v;
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** The 8-bit value of a modality value through the VOI window (PS3.3 C.11.2.1.2). */
function voi(fn: VoiFunction, center: number, width: number): (x: number) => number {
  if (fn === 'sigmoid') return (x) => 255 / (1 + exp((-4 * (x - center)) / width));
  if (fn === 'linear-exact')
    return (x) => (x <= center - width / 2 ? 0 : x > center + width / 2 ? 255 : ((x - center) / width + 0.5) * 255);
  return (x) => {
    if (x <= center - 0.5 - (width - 1) / 2) return 0;
    if (x > center - 0.5 + (width - 1) / 2) return 255;
    return ((x - (center - 0.5)) / (width - 1) + 0.5) * 255;
  };
}

/** What rendering needs of a DICOM file, as read back from it. */
interface PixelSource {
  rows: number;
  columns: number;
  samples: number;
  stored: Uint8Array | Int16Array | Uint16Array;
  slope: number;
  intercept: number;
  center: number;
  width: number;
  monochrome1: boolean;
  /** The smallest and largest stored value: the lookup table spans only these. */
  lowest: number;
  highest: number;
}

/** Files read back, by file: a file dropped from the files' cache takes its parse with it. */
const parsed = new WeakMap<Uint8Array, PixelSource>();

function pixelSource(file: Uint8Array): PixelSource {
  const known = parsed.get(file);
  if (known) return known;
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(buffer).dict);
  const rows = first(ds.Rows) ?? 0;
  const columns = first(ds.Columns) ?? 0;
  const samples = first(ds.SamplesPerPixel) ?? 1;
  const data = (ds.PixelData as ArrayBuffer[] | undefined)?.[0];
  if (!data || !rows || !columns) throw new Error('the DICOM file has no pixel data');
  const bits = first(ds.BitsAllocated) ?? 16;
  const signed = first(ds.PixelRepresentation) === 1;
  const n = rows * columns * samples;
  const stored =
    bits === 8 ? new Uint8Array(data, 0, n) : signed ? new Int16Array(data, 0, n) : new Uint16Array(data, 0, n);
  const depth = first(ds.BitsStored) ?? bits;
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < stored.length; k++) {
    const v = stored[k]!;
    if (v < lowest) lowest = v;
    if (v > highest) highest = v;
  }
  const source: PixelSource = {
    rows,
    columns,
    samples,
    stored,
    slope: first(ds.RescaleSlope) ?? 1,
    intercept: first(ds.RescaleIntercept) ?? 0,
    center: first(ds.WindowCenter) ?? 2 ** (depth - 1),
    width: first(ds.WindowWidth) ?? 2 ** depth,
    monochrome1: ds.PhotometricInterpretation === 'MONOCHROME1',
    lowest,
    highest,
  };
  parsed.set(file, source);
  return source;
}

/** Display pixels of the file's own pixel data: modality LUT, VOI LUT, MONOCHROME1 inverted; RGB as is. */
function displayPixels(file: Uint8Array, window: RenderRequest['window']) {
  const src = pixelSource(file);
  const { rows, columns } = src;
  if (src.samples === 3) return { rows, columns, channels: 3 as const, pixels: src.stored as Uint8Array };
  const curve = voi(window?.fn ?? 'linear', window?.center ?? src.center, window?.width ?? src.width);
  // one table over the stored values the image has: then a lookup per pixel
  const offset = -src.lowest;
  const lut = new Uint8Array(src.highest - src.lowest + 1);
  for (let s = 0; s < lut.length; s++) {
    const v = round(curve((s - offset) * src.slope + src.intercept));
    lut[s] = src.monochrome1 ? 255 - v : v;
  }
  const pixels = new Uint8Array(rows * columns);
  const stored = src.stored;
  for (let k = 0; k < pixels.length; k++) pixels[k] = lut[stored[k]! + offset]!;
  return { rows, columns, channels: 1 as const, pixels };
}

/** The image of a DICOM file, windowed, fitted in the viewport and encoded as JPEG or PNG. */
export async function renderDicom(file: Uint8Array, r: RenderRequest): Promise<Buffer> {
  const { rows, columns, channels, pixels } = displayPixels(file, r.window);
  let image = sharp(pixels, { raw: { width: columns, height: rows, channels } });
  if (r.viewport) image = image.resize({ width: r.viewport.width, height: r.viewport.height, fit: 'inside' });
  return r.format === 'png'
    ? image.png({ compressionLevel: 6 }).toBuffer()
    : image.jpeg({ quality: r.quality, optimiseCoding: false }).toBuffer();
}
