import { ApiError, NETWORK_MESSAGE } from '../api/api-error';

/** The error of a download the API refused (the body is a file, so only its status is known). */
export function pdfRefusal(status: number): ApiError {
  if (status === 401) return new ApiError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录');
  if (status === 404) return new ApiError(404, 'RECORD_NOT_FOUND', '未找到该报告的 PDF，可能尚未出具');
  if (status === 0) return new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  return new ApiError(status, `HTTP_${status}`, '报告 PDF 暂时无法下载，请稍后再试');
}
