import { LRUCache } from 'lru-cache';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { pinyin } from 'pinyin-pro';
import { beijingTimestamp } from '../../../shared/time.js';
import type { GeneratedReport, GeneratedResult } from './generated-reports.js';
import type { RegisteredPatient } from './patient-index.js';

const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 50;
const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;

const DEPARTMENT_EN: Record<string, string> = {
  检验科: 'Clinical Laboratory',
  放射科: 'Radiology',
  超声科: 'Ultrasound',
  心电图室: 'Electrocardiography',
};
const FLAG_EN: Record<string, string> = { N: '', H: 'H', L: 'L', HH: 'HH critical', LL: 'LL critical', A: 'abnormal' };
const STATUS_EN: Record<string, string> = { final: 'Final', partial: 'Partial', registered: 'Registered' };

/** The lettering of a report PDF: its fonts and how a text is written with them. */
interface Lettering {
  regular: PDFFont;
  bold: PDFFont;
  /** A name or a place in the lettering's script. */
  name: (chinese: string) => string;
  /** Of a text given in Chinese and in English, the one the fonts can write. */
  pick: (chinese: string, english: string) => string;
}

/**
 * How report PDFs are lettered. This machine's font set has no CJK font (no Noto CJK under the
 * system fonts), so the PDFs are written with the standard Helvetica, Chinese names in pinyin and
 * the labels and exam text in English. Embedding a CJK font instead (a subset, with
 * @pdf-lib/fontkit) belongs here, and nowhere else.
 */
async function lettering(doc: PDFDocument): Promise<Lettering> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const latin = (text: string) => text.replaceAll('μ', 'u').replace(/[^\x20-\x7e]/g, '?');
  return {
    regular,
    bold,
    name: (chinese) =>
      latin(pinyin(chinese, { toneType: 'none', separator: ' ' })).replace(/^\w/, (c) => c.toUpperCase()),
    pick: (_chinese, english) => latin(english),
  };
}

/** A result as the lettering writes it: a number, the qualitative word, or pending. */
function resultText(l: Lettering, item: GeneratedResult): string {
  if (item.value === null) return 'pending';
  if (typeof item.value === 'number') return String(item.value);
  return l.pick(item.value, item.flag === 'A' ? 'positive' : 'negative');
}

/** Splits text into lines no wider than `width` at this size. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A one-page A4 report: the hospital, the patient, the items or the exam's findings and impression. */
export async function reportPdf(hospital: string, p: RegisteredPatient, r: GeneratedReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const when = new Date(r.issued ?? r.effective);
  doc.setTitle(`${r.en.title} - ${r.id}`);
  doc.setAuthor(`Hospital ${hospital}`);
  doc.setProducer('CityHealth sandbox HIS');
  doc.setCreator('CityHealth sandbox HIS');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const l = await lettering(doc);
  const page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const text = (value: string, x: number, size = 10, font = l.regular) =>
    page.drawText(value, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  const rule = () => {
    page.drawLine({
      start: { x: MARGIN, y: y + 4 },
      end: { x: A4.width - MARGIN, y: y + 4 },
      thickness: 0.6,
      color: rgb(0.5, 0.5, 0.5),
    });
  };

  text(`Hospital ${hospital}`, MARGIN, 16, l.bold);
  y -= 22;
  text(
    l.pick(r.title, `${r.en.title} - ${r.category === 'LAB' ? 'Laboratory report' : 'Examination report'}`),
    MARGIN,
    13,
    l.bold,
  );
  y -= 24;
  const facts: [string, string][] = [
    ['Patient', l.name(p.name)],
    ['Patient no.', p.mrn],
    ['Sex / born', `${p.gender} / ${p.birthDate ?? '-'}`],
    ['Report no.', r.id],
    ['Department', l.pick(r.department, DEPARTMENT_EN[r.department] ?? r.department)],
    ['Doctor', l.name(r.doctor)],
    ['Performed', `${beijingTimestamp(r.effective)} (Beijing)`],
    ['Issued', r.issued ? `${beijingTimestamp(r.issued)} (Beijing)` : '-'],
    ['Status', STATUS_EN[r.status] ?? r.status],
  ];
  for (const [k, v] of facts) {
    text(`${k}:`, MARGIN, 10, l.bold);
    text(v, MARGIN + 90, 10);
    y -= 15;
  }
  y -= 6;
  rule();
  y -= 14;
  if (r.category === 'LAB') {
    const cols = [MARGIN, MARGIN + 70, MARGIN + 160, MARGIN + 250, MARGIN + 350];
    for (const [i, h] of ['Item', 'Result', 'Unit', 'Reference', 'Flag'].entries()) text(h, cols[i]!, 10, l.bold);
    y -= 16;
    for (const item of r.results) {
      const cells = [
        item.abbr,
        resultText(l, item),
        l.pick(item.unit ?? '', item.unit ?? ''),
        l.pick(item.rangeText, /阴性/.test(item.rangeText) ? 'negative' : item.rangeText),
        item.flag ? (FLAG_EN[item.flag] ?? item.flag) : '',
      ];
      const flagged = item.flag !== null && item.flag !== 'N';
      for (const [i, cell] of cells.entries()) text(cell, cols[i]!, 10, i === 4 && flagged ? l.bold : l.regular);
      y -= 15;
    }
    if (r.results.length === 0) {
      text('No results yet: the specimen is registered.', MARGIN);
      y -= 15;
    }
  } else {
    const width = A4.width - 2 * MARGIN;
    for (const [label, body] of [
      ['Findings', l.pick(r.findings ?? '', r.en.findings ?? '')],
      ['Impression', l.pick(r.impression ?? '', r.en.impression ?? '')],
    ] as const) {
      text(label, MARGIN, 11, l.bold);
      y -= 16;
      for (const line of wrap(body, l.regular, 10, width)) {
        text(line, MARGIN, 10);
        y -= 14;
      }
      y -= 8;
    }
  }
  y = MARGIN;
  text(
    'For reference only; the hospital\u2019s signed paper report and the doctor\u2019s diagnosis prevail.',
    MARGIN,
    8,
  );
  return doc.save({ useObjectStreams: false });
}

/** Report PDFs, made on first ask and kept in an LRU cache bounded by bytes. */
export class ReportPdfs {
  private readonly cache: LRUCache<string, Uint8Array>;

  constructor(maxBytes = DEFAULT_CACHE_BYTES) {
    this.cache = new LRUCache({ maxSize: maxBytes, sizeCalculation: (pdf) => pdf.byteLength });
  }

  async get(hospital: string, p: RegisteredPatient, r: GeneratedReport): Promise<Uint8Array> {
    const key = `${hospital}/${r.id}`;
    const known = this.cache.get(key);
    if (known) return known;
    const pdf = await reportPdf(hospital, p, r);
    this.cache.set(key, pdf);
    return pdf;
  }
}
