import type { Reply } from './http.js';
import type { WechatPayTrade } from './wechat-pay-trade.js';

/** What the cashier needs of the emulator: the trade behind a prepay_id, and the tester's pay or decline. */
export interface CashierBackend {
  tradeOfPrepay(prepayId: string): WechatPayTrade | undefined;
  settle(prepayId: string, action: 'pay' | 'decline'): Reply;
}

/**
 * The H5 cashier a tester sees in the browser (the stand-in for wx.tenpay.com's page): GET shows
 * the order with 确认支付 / 取消支付; the form's POST pays or declines and returns to redirect_url.
 */
export function cashier(backend: CashierBackend, method: string, pathAndQuery: string, body: string): Reply {
  const q = method === 'POST' ? new URLSearchParams(body) : new URL(pathAndQuery, 'http://cashier').searchParams;
  const prepayId = q.get('prepay_id') ?? '';
  const t = backend.tradeOfPrepay(prepayId);
  const back = q.get('redirect_url');
  const safeBack = back && /^https?:\/\//.test(back) ? back : null;
  if (!t) return cashierPage('订单不存在', '<p>该支付链接无效或已过期，请返回重新发起支付。</p>', 404);
  if (method === 'POST') {
    const action = q.get('action') === 'pay' ? 'pay' : 'decline';
    const r = backend.settle(prepayId, action);
    if (r.status !== 200) {
      const back = safeBack ? `<a class="back" href="${escapeHtml(safeBack)}">返回商户页面</a>` : '';
      return cashierPage('支付失败', `<p>${escapeHtml(messageOf(String(r.body)) ?? '支付失败')}</p>${back}`, r.status);
    }
    return safeBack
      ? { status: 303, body: '', type: 'text/plain', headers: { location: safeBack } }
      : cashierPage(action === 'pay' ? '支付成功' : '已取消支付', '<p>请返回商户页面查看结果。</p>');
  }
  const redirect = safeBack ? `<input type="hidden" name="redirect_url" value="${escapeHtml(safeBack)}">` : '';
  const hidden = `<input type="hidden" name="prepay_id" value="${escapeHtml(prepayId)}">${redirect}`;
  return cashierPage(
    '微信支付',
    `
      <p class="what">${escapeHtml(t.description)}</p>
      <p class="amount" data-testid="cashier-amount">¥${(t.total / 100).toFixed(2)}</p>
      <p class="note">沙箱收银台：不会产生真实扣款</p>
      <form method="post">${hidden}
        <button name="action" value="pay" class="pay" data-testid="cashier-pay">确认支付</button>
        <button name="action" value="decline" class="decline" data-testid="cashier-decline">取消支付</button>
      </form>`,
  );
}

function messageOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string } | null)?.message;
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cashierPage(title: string, content: string, status = 200): Reply {
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{margin:0;font:18px/1.5 system-ui,sans-serif;background:#f2f3f5;color:#1f2329;text-align:center}
main{max-width:420px;margin:0 auto;padding:32px 20px}h1{font-size:22px}
.amount{font-size:40px;font-weight:700;margin:8px 0}
.what{color:#4e5969}.note{color:#4e5969;font-size:16px}form{display:flex;flex-direction:column;gap:16px;margin-top:32px}
button,.back{min-height:52px;border-radius:8px;font-size:18px;border:0}.pay{background:#07c160;color:#fff}
.decline{background:#fff;color:#1f2329;border:1px solid #c9cdd4}
.back{display:inline-block;padding:12px 20px;background:#fff}
</style></head><body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`;
  return { status, body, type: 'text/html;charset=utf-8' };
}
