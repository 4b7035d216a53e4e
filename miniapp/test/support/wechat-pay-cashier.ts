import http from 'node:http';

interface Answer {
  status: number;
  location: string | undefined;
  text: string;
}

function send(url: string, method: 'GET' | 'POST', form?: URLSearchParams): Promise<Answer> {
  const body = form?.toString();
  return new Promise((resolve, reject) => {
    const headers =
      body === undefined
        ? {}
        : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) };
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * A patient on the sandbox's WeChat Pay H5 cashier (the page the app sent the browser to): reads
 * the amount it shows, then presses 确认支付 or 取消支付, which submits its form. Answers the amount
 * and the address the cashier sends the browser back to.
 */
export async function pressOnCashier(
  cashierUrl: string,
  press: 'pay' | 'decline',
): Promise<{ amount: string; backTo: string | undefined }> {
  const page = await send(cashierUrl, 'GET');
  if (page.status !== 200) throw new Error(`cashier answered ${page.status}: ${page.text}`);
  const doc = new DOMParser().parseFromString(page.text, 'text/html');
  const form = doc.querySelector('form');
  if (!form) throw new Error('the cashier shows no payment form');
  const fields = new URLSearchParams();
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[type=hidden]')))
    fields.set(input.name, input.value);
  fields.set('action', press);
  const back = await send(cashierUrl, 'POST', fields);
  if (back.status !== 303) throw new Error(`cashier answered the ${press} with ${back.status}: ${back.text}`);
  return { amount: doc.querySelector('[data-testid=cashier-amount]')?.textContent ?? '', backTo: back.location };
}
