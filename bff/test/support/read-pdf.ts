import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/** A PDF read back: its page count, its fonts' base names, and each page's text (pdf.js, as a viewer reads it). */
export interface ReadPdf {
  pages: number;
  fonts: string[];
  text: string[];
  /** Whether the embedded font draws a character (has an outline for it), as a viewer shows it. */
  draws(char: string): boolean;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await PDFDocument.load(bytes);
  const fonts = new Set<string>();
  const files: Uint8Array[] = [];
  for (const page of doc.getPages()) {
    const resources = page.node.Resources();
    const fontDict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      fonts.add(String(font.get(PDFName.of('BaseFont'))));
      const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
      const descriptor = descendant?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const file = descriptor?.lookup(PDFName.of('FontFile2'));
      if (file instanceof PDFRawStream) files.push(decodePDFRawStream(file).decode());
    }
  }
  const embedded = files.map((f) => fontkit.create(f));
  const draws = (char: string) => embedded.some((f) => f.glyphForCodePoint(char.codePointAt(0)!).path.toSVG() !== '');
  // the legacy build runs in node without a DOM; its worker runs in this thread
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loaded = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false })
    .promise;
  const text: string[] = [];
  for (let n = 1; n <= loaded.numPages; n++) {
    const content = await (await loaded.getPage(n)).getTextContent();
    text.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  await loaded.destroy();
  return { pages: doc.getPageCount(), fonts: [...fonts], text, draws };
}
