import { pdfRefusal } from './pdf-download';
import type { PlatformPdf } from './types';

/**
 * Browser: the tab is opened at the tap (later a pop-up blocker would refuse it), the PDF fetched
 * with the session header as a blob and shown there from an object URL; without a tab the file is
 * offered as a download.
 */
export const platformPdf: PlatformPdf = {
  async open(request) {
    const tab = typeof window !== 'undefined' ? window.open('', '_blank') : null;
    try {
      const { url, header, title } = await request();
      let res: Response;
      try {
        res = await fetch(url, { headers: header });
      } catch {
        throw pdfRefusal(0);
      }
      if (!res.ok) throw pdfRefusal(res.status);
      const blob = await res.blob();
      const objectUrl = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      if (tab) tab.location.href = objectUrl;
      else {
        const a = document.createElement('a');
        a.href = objectUrl;
        a.download = title;
        a.click();
      }
      // The tab has loaded it by then; the memory is given back.
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    } catch (e) {
      tab?.close();
      throw e;
    }
  },
};
