import { documentPolicy } from '../http/middleware/security-headers.js';

/**
 * The page a shared study's link opens (云胶片), in any browser and without login: it asks the
 * access code, then shows the report text and the images (swipe or the arrow keys through a
 * series, CT windows, pinch or the zoom button). One file, no framework: it must open anywhere.
 */
const HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>云胶片 · 影像分享</title>
<style>
  body { margin: 0; font: 18px/1.6 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif;
    background: #f2f4f7; color: #1d2129; }
  header { background: #0a6e5c; color: #fff; padding: 14px 18px; font-size: 20px; font-weight: 600; }
  main { max-width: 960px; margin: 0 auto; padding: 16px; }
  .card { background: #fff; border-radius: 12px; padding: 16px; margin-bottom: 14px; }
  label { display: block; margin-bottom: 8px; }
  input { font-size: 24px; letter-spacing: 6px; padding: 10px; width: 12ch;
    border: 1px solid #86909c; border-radius: 8px; }
  button { font-size: 18px; min-height: 48px; min-width: 48px; padding: 8px 16px; border-radius: 8px;
    border: 1px solid #0a6e5c;
    background: #fff; color: #0a6e5c; cursor: pointer; margin: 4px 6px 4px 0; }
  button.primary, button[aria-pressed="true"] { background: #0a6e5c; color: #fff; }
  #error { color: #b42318; font-weight: 600; }
  .viewer { background: #000; border-radius: 12px; overflow: auto; text-align: center;
    touch-action: pan-x pan-y pinch-zoom; }
  .viewer img { max-width: 100%; display: block; margin: 0 auto; }
  .viewer.zoomed img { max-width: none; width: 200%; }
  .thumbs { display: flex; gap: 6px; overflow-x: auto; padding-top: 8px; }
  .thumbs img { width: 72px; height: 72px; object-fit: contain; background: #000;
    border: 3px solid transparent; border-radius: 6px; }
  .thumbs img[aria-current="true"] { border-color: #f7ba1e; }
  .muted { color: #4e5969; font-size: 16px; }
  pre { white-space: pre-wrap; font: inherit; margin: 0; }
</style>
</head>
<body>
<header>云胶片 · 影像分享</header>
<main>
  <section class="card" id="ask">
    <form id="form">
      <label for="code">请输入分享人告诉您的 6 位访问码</label>
      <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
        pattern="[0-9]{6}" required>
      <button class="primary" type="submit">查看影像</button>
    </form>
    <p id="error" role="alert"></p>
    <p class="muted">影像仅供参考，请以医院出具的报告及医生诊断为准。</p>
  </section>
  <div id="study" hidden>
    <section class="card">
      <div id="title" style="font-size:20px;font-weight:600"></div>
      <div id="meta" class="muted"></div>
      <div id="report"></div>
    </section>
    <section class="card">
      <div id="series" role="group" aria-label="序列"></div>
      <div id="windows" role="group" aria-label="窗位"></div>
      <div class="viewer" id="viewer"><img id="image" alt=""></div>
      <div>
        <button type="button" id="prev" aria-label="上一张">‹ 上一张</button>
        <span id="position" aria-live="polite"></span>
        <button type="button" id="next" aria-label="下一张">下一张 ›</button>
        <button type="button" id="zoom" aria-pressed="false">放大</button>
      </div>
      <div class="thumbs" id="thumbs"></div>
    </section>
  </div>
</main>
<script>
(function () {
  var token = location.pathname.split('/').pop();
  var state = { study: null, series: 0, image: 0, window: '' };
  var $ = function (id) { return document.getElementById(id); };
  function text(el, value) { el.textContent = value == null ? '' : String(value); }
  function day(iso) { return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : ''; }
  function button(label, pressed, onClick) {
    var b = document.createElement('button');
    b.type = 'button'; b.textContent = label; b.setAttribute('aria-pressed', pressed ? 'true' : 'false');
    b.addEventListener('click', onClick); return b;
  }
  function src(img, thumb) {
    var url = thumb ? img.thumbnailUrl : img.url;
    if (!state.window || thumb) return url;
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'window=' + encodeURIComponent(state.window);
  }
  function show() {
    var s = state.study, series = s.series[state.series];
    var seriesBox = $('series'); seriesBox.innerHTML = '';
    s.series.forEach(function (se, i) {
      seriesBox.appendChild(button((se.description || se.modality) + '（' + se.images.length + '张）', i === state.series,
        function () { state.series = i; state.image = 0; show(); }));
    });
    var windows = $('windows'); windows.innerHTML = '';
    if (s.windowPresets.length)
      windows.appendChild(button('默认窗', state.window === '', function () { state.window = ''; show(); }));
    s.windowPresets.forEach(function (w) {
      windows.appendChild(button(w.label, state.window === w.id, function () { state.window = w.id; show(); }));
    });
    var img = series.images[state.image];
    $('image').src = src(img, false);
    $('image').alt = (series.description || s.description) + ' 第 ' + (state.image + 1) + ' 张';
    text($('position'), (state.image + 1) + ' / ' + series.images.length);
    var thumbs = $('thumbs'); thumbs.innerHTML = '';
    series.images.forEach(function (im, i) {
      var t = document.createElement('img');
      t.src = src(im, true); t.alt = '第 ' + (i + 1) + ' 张'; t.tabIndex = 0;
      t.setAttribute('aria-current', i === state.image ? 'true' : 'false');
      t.addEventListener('click', function () { state.image = i; show(); });
      thumbs.appendChild(t);
    });
  }
  function step(d) {
    var n = state.study.series[state.series].images.length;
    state.image = (state.image + d + n) % n; show();
  }
  $('prev').addEventListener('click', function () { step(-1); });
  $('next').addEventListener('click', function () { step(1); });
  $('zoom').addEventListener('click', function () {
    var on = $('viewer').classList.toggle('zoomed');
    $('zoom').setAttribute('aria-pressed', on ? 'true' : 'false'); text($('zoom'), on ? '还原' : '放大');
  });
  document.addEventListener('keydown', function (e) {
    if (!state.study) return;
    if (e.key === 'ArrowLeft') step(-1);
    if (e.key === 'ArrowRight') step(1);
  });
  var startX = null;
  $('viewer').addEventListener('touchstart', function (e) {
    startX = e.touches.length === 1 ? e.touches[0].clientX : null;
  });
  $('viewer').addEventListener('touchend', function (e) {
    if (startX === null) return;
    var dx = e.changedTouches[0].clientX - startX;
    if (Math.abs(dx) > 40) step(dx < 0 ? 1 : -1);
  });
  $('form').addEventListener('submit', function (e) {
    e.preventDefault();
    text($('error'), '');
    fetch('/api/v1/shares/' + encodeURIComponent(token) + '/open', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessCode: $('code').value.trim() })
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (r) {
        if (!r.ok) { text($('error'), (r.body && r.body.error && r.body.error.message) || '无法打开该分享'); return; }
        var s = r.body.study; state.study = s;
        if (!s.series.length) { text($('error'), '该检查暂无可查看的图像'); return; }
        $('ask').hidden = true; $('study').hidden = false;
        text($('title'), s.hospitalName + ' · ' + s.description);
        text($('meta'), r.body.patientName + ' · ' + s.modalityWords + ' · ' + day(s.startedAt) +
          ' · 链接有效至 ' + day(r.body.expiresAt) + ' · 剩余查看次数 ' + r.body.usesLeft);
        var report = $('report'); report.innerHTML = '';
        if (s.report && s.report.conclusion) {
          var h = document.createElement('h2'); h.textContent = '检查报告'; h.style.fontSize = '18px';
          var p = document.createElement('pre'); p.textContent = s.report.conclusion;
          report.appendChild(h); report.appendChild(p);
        }
        show();
      })
      .catch(function () { text($('error'), '网络异常，请稍后重试'); });
  });
})();
</script>
</body>
</html>
`;

const POLICY = documentPolicy(HTML);

export function sharePage(): { html: string; policy: string } {
  return { html: HTML, policy: POLICY };
}
