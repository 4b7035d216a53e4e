import http from 'node:http';

/** GET a JSON document over plain node:http (the jsdom test environment has no fetch). */
export function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`GET ${url}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      })
      .on('error', reject);
  });
}
