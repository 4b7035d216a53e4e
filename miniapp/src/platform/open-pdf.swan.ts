/** Baidu's downloadFile and openDocument answer as WeChat's do. */
export { platformPdf } from './open-pdf.weapp';
