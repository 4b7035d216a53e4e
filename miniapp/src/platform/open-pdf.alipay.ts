import Taro from '@tarojs/taro';
import { pdfRefusal } from './pdf-download';
import type { PlatformPdf } from './types';

/**
 * Alipay: my.downloadFile answers the file as `apFilePath` (Taro maps it to tempFilePath) and may
 * leave out the status; my.openDocument shows it.
 */
export const platformPdf: PlatformPdf = {
  async open(request) {
    const { url, header } = await request();
    let res: Taro.downloadFile.FileSuccessCallbackResult & { apFilePath?: string };
    try {
      res = await Taro.downloadFile({ url, header });
    } catch {
      throw pdfRefusal(0);
    }
    if (res.statusCode && res.statusCode !== 200) throw pdfRefusal(res.statusCode);
    const filePath = res.tempFilePath || res.apFilePath || '';
    await Taro.openDocument({ filePath, fileType: 'pdf' });
  },
};
