import { pdfRefusal } from './pdf-download';
import type { PlatformPdf } from './types';

/**
 * Browser: the PDF is fetched with the session header and handed over as a file (a download, which
 * mobile browsers open in their own viewer). Shown in a tab of ours it would inherit the app's
 * Content-Security-Policy, whose object-src 'none' keeps the browser's PDF viewer out.
 */
export const platformPdf: PlatformPdf = {
  async open(request) {
    const { url, header, title } = await request();
    let res: Response;
    try {
      res = await fetch(url, { headers: header });
    } catch {
      throw pdfRefusal(0);
    }
    if (!res.ok) throw pdfRefusal(res.status);
    const objectUrl = URL.createObjectURL(new Blob([await res.blob()], { type: 'application/pdf' }));
    const a = document.createElement('a');
    a.href = objectUrl;
    a.download = title.endsWith('.pdf') ? title : `${title}.pdf`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  },
};
