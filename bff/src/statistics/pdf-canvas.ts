import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import subsetFont from 'subset-font';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
export const INK = rgb(0.13, 0.15, 0.2);
const MUTED = rgb(0.42, 0.45, 0.5);
const BAR = rgb(0.16, 0.44, 0.78);
const RULE = rgb(0.85, 0.87, 0.9);

/** One piece of a report page, in reading order. */
export type Block =
  | { kind: 'text'; text: string; size?: number }
  | { kind: 'heading'; text: string }
  | { kind: 'gap'; points: number }
  | { kind: 'table'; rows: string[][]; widths: number[] }
  | { kind: 'horizontal-bars'; items: { label: string; value: number; text?: string }[] }
  | { kind: 'vertical-bars'; items: { label: string; value: number }[] };

/** What the canvas writes by itself: page numbers, the largest value of a chart, the ellipsis. */
const CANVAS_TEXT = '第页最大…　 0123456789';

/** Every character a document of these blocks shows (for the font subset). */
function charactersOf(blocks: readonly Block[], footer: string): string {
  const chars = new Set<string>([...CANVAS_TEXT, ...footer]);
  const add = (text: string) => {
    for (const c of text) chars.add(c);
  };
  for (const b of blocks) {
    if (b.kind === 'text' || b.kind === 'heading') add(b.text);
    else if (b.kind === 'table') for (const row of b.rows) for (const cell of row) add(cell);
    else if (b.kind === 'horizontal-bars' || b.kind === 'vertical-bars')
      for (const i of b.items) add(`${i.label}${'text' in i ? (i.text ?? '') : ''}${i.value}`);
  }
  return [...chars].join('');
}

/**
 * A PDF of report blocks in one CJK font. The font is cut down to the characters used with
 * HarfBuzz (subset-font) and embedded whole: pdf-lib's own subsetting drops most glyphs of a large
 * CJK font (the text extracts, but does not show), and the full font weighs ~10 MB per file.
 */
export async function renderPdf(
  fontBytes: Uint8Array,
  o: { title: string; footer: string; blocks: readonly Block[] },
): Promise<Uint8Array> {
  const subset = await subsetFont(Buffer.from(fontBytes), charactersOf(o.blocks, o.footer), {
    targetFormat: 'truetype',
  });
  const c = await PdfCanvas.create(new Uint8Array(subset), o.title, o.footer);
  for (const b of o.blocks) {
    if (b.kind === 'text') c.text(b.text, { size: b.size });
    else if (b.kind === 'heading') c.heading(b.text);
    else if (b.kind === 'gap') c.gap(b.points);
    else if (b.kind === 'table') c.table(b.rows, b.widths);
    else if (b.kind === 'horizontal-bars') c.horizontalBars(b.items);
    else c.verticalBars(b.items);
  }
  return c.save();
}

/**
 * A top-down writer of A4 pages in one embedded font: headings, key-value tables, tables and
 * horizontal or vertical bar charts, starting a new page when the next block does not fit.
 */
export class PdfCanvas {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  static async create(fontBytes: Uint8Array, title: string, footer: string): Promise<PdfCanvas> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    doc.setTitle(title);
    doc.setCreator('预约挂号统一平台');
    const font = await doc.embedFont(fontBytes, { subset: false });
    return new PdfCanvas(doc, font, footer);
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    const n = this.doc.getPageCount();
    this.page.drawText(`${this.footer}　第 ${n} 页`, {
      x: MARGIN,
      y: MARGIN / 2,
      size: 8,
      font: this.font,
      color: MUTED,
    });
  }

  /** Room for `height` points on this page, or a new page. */
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  textWidth(text: string, size: number): number {
    return this.font.widthOfTextAtSize(text, size);
  }

  text(text: string, o: { size?: number; x?: number; color?: typeof INK; advance?: boolean } = {}): void {
    const size = o.size ?? 10;
    this.ensure(size * 1.6);
    this.page.drawText(text, {
      x: MARGIN + (o.x ?? 0),
      y: this.y - size,
      size,
      font: this.font,
      color: o.color ?? INK,
    });
    if (o.advance !== false) this.y -= size * 1.6;
  }

  heading(text: string): void {
    this.ensure(60);
    this.gap(8);
    this.text(text, { size: 14 });
    this.page.drawLine({
      start: { x: MARGIN, y: this.y + 4 },
      end: { x: MARGIN + this.width, y: this.y + 4 },
      thickness: 0.6,
      color: RULE,
    });
    this.gap(4);
  }

  /** A table: the first row is the header; columns share the width by `widths` (fractions). */
  table(rows: string[][], widths: number[]): void {
    const size = 9;
    const lineHeight = 15;
    rows.forEach((row, r) => {
      this.ensure(lineHeight);
      let x = 0;
      row.forEach((cell, c) => {
        const w = widths[c]! * this.width;
        const fitted = this.fit(cell, size, w - 4);
        this.page.drawText(fitted, {
          x: MARGIN + x,
          y: this.y - size - 2,
          size,
          font: this.font,
          color: r === 0 ? MUTED : INK,
        });
        x += w;
      });
      this.y -= lineHeight;
      if (r === 0)
        this.page.drawLine({
          start: { x: MARGIN, y: this.y + 2 },
          end: { x: MARGIN + this.width, y: this.y + 2 },
          thickness: 0.5,
          color: RULE,
        });
    });
  }

  /** Horizontal bars, one labelled line each, scaled to the largest value. */
  horizontalBars(items: { label: string; value: number; text?: string }[]): void {
    const size = 9;
    const lineHeight = 16;
    const labelWidth = this.width * 0.34;
    const barRoom = this.width - labelWidth - 70;
    const max = Math.max(1, ...items.map((i) => i.value));
    for (const item of items) {
      this.ensure(lineHeight);
      const base = this.y - size - 2;
      this.page.drawText(this.fit(item.label, size, labelWidth - 6), { x: MARGIN, y: base, size, font: this.font });
      const w = (item.value / max) * barRoom;
      if (w > 0) this.page.drawRectangle({ x: MARGIN + labelWidth, y: base - 1, width: w, height: 10, color: BAR });
      this.page.drawText(item.text ?? String(item.value), {
        x: MARGIN + labelWidth + w + 4,
        y: base,
        size,
        font: this.font,
        color: MUTED,
      });
      this.y -= lineHeight;
    }
  }

  /** Vertical bars (e.g. one per day) with the largest value written and every few labels below. */
  verticalBars(items: { label: string; value: number }[], height = 130): void {
    this.ensure(height + 30);
    const size = 7;
    const max = Math.max(1, ...items.map((i) => i.value));
    const slot = this.width / Math.max(1, items.length);
    const bottom = this.y - height;
    this.page.drawLine({
      start: { x: MARGIN, y: bottom },
      end: { x: MARGIN + this.width, y: bottom },
      thickness: 0.5,
      color: RULE,
    });
    this.page.drawText(`最大 ${max}`, { x: MARGIN, y: this.y - size, size, font: this.font, color: MUTED });
    const labelEvery = Math.ceil(items.length / 10);
    items.forEach((item, i) => {
      const h = (item.value / max) * (height - 16);
      const x = MARGIN + i * slot + slot * 0.15;
      if (h > 0) this.page.drawRectangle({ x, y: bottom, width: slot * 0.7, height: h, color: BAR });
      if (i % labelEvery === 0)
        this.page.drawText(item.label, { x, y: bottom - size - 3, size, font: this.font, color: MUTED });
    });
    this.y = bottom - size - 12;
  }

  /** Cuts a text to a width, with an ellipsis. */
  private fit(text: string, size: number, width: number): string {
    if (this.font.widthOfTextAtSize(text, size) <= width) return text;
    let t = text;
    while (t.length > 1 && this.font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
