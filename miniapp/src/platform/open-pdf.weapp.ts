import Taro from '@tarojs/taro';
import { pdfRefusal } from './pdf-download';
import type { PlatformPdf } from './types';

/** Downloads the PDF with the session header into a temporary file and opens it in the document viewer. */
export const platformPdf: PlatformPdf = {
  async open(request) {
    const { url, header } = await request();
    let res: Taro.downloadFile.FileSuccessCallbackResult;
    try {
      res = await Taro.downloadFile({ url, header });
    } catch {
      throw pdfRefusal(0);
    }
    if (res.statusCode !== 200) throw pdfRefusal(res.statusCode);
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
  },
};
