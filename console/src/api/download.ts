import { type ConsoleOperation, type OperationInput, operationUrl } from './client';

/**
 * Downloads a file a GET operation answers (CSV, Excel, PDF) by following a same-origin link:
 * the browser sends the session cookie and saves the answer under the name the server gives
 * (Content-Disposition), without holding the whole file in the page.
 */
export function downloadOperation<K extends ConsoleOperation>(name: K, input: OperationInput<K>): void {
  const link = document.createElement('a');
  link.href = operationUrl(name, input);
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
