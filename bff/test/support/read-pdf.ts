import { PDFDocument, PDFName, PDFDict } from 'pdf-lib';

/** A PDF read back: its page count, its fonts' base names, and each page's text (pdf.js, as a viewer reads it). */
export interface ReadPdf {
  pages: number;
  fonts: string[];
  text: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await PDFDocument.load(bytes);
  const fonts = new Set<string>();
  for (const page of doc.getPages()) {
    const resources = page.node.Resources();
    const fontDict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      fonts.add(String(font.get(PDFName.of('BaseFont'))));
    }
  }
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
  return { pages: doc.getPageCount(), fonts: [...fonts], text };
}
