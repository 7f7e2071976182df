// calculator.js — the risk-value calculator (calculator/). The metric
// choices are server-rendered radio groups; scoring runs in the site's Go
// WebAssembly engine (calc.score, wasm/calc_js.go) in a Web Worker, reached
// through engine.js. The URL fragment holds the vector
// (calculator/#CVSS:3.0/AV:N/…): opening it restores the choices, changes
// replace it (history.replaceState: no history flood), back and forward
// restore it. Text from the fragment, the vector field or the engine is
// only ever set with textContent / value, never parsed as HTML.
import { engine, scoreOf } from './engine.js';

const root = document.getElementById('calculator');
const form = document.getElementById('calc-form');
if (root && form) main();

function main() {

  const $ = (id) => document.getElementById(id);
  const input = $('vector-input');
  const errorEl = $('vector-error');
  const noteEl = $('vector-note');
  const alertEl = $('calc-alert');
  const statusEl = $('calc-status');
  const missingEl = $('calc-missing');
  const loadingEl = $('calc-loading');
  const bar = $('calc-bar');

  // The metrics in canonical order, as the page lists them.
  const metrics = Array.from(form.querySelectorAll('fieldset[data-metric]')).map((fs) => ({
    abbr: fs.dataset.metric,
    required: fs.dataset.required === 'true',
    label: fs.querySelector('.metric-name').textContent + ' (' + fs.dataset.metric + ')',
    inputs: Array.from(fs.querySelectorAll('input[type=radio]')),
  }));
  const byAbbr = new Map(metrics.map((m) => [m.abbr, m]));
  const defaults = new Map(metrics.map((m) => {
    const c = m.inputs.find((i) => i.defaultChecked);
    return [m.abbr, c ? c.value : ''];
  }));

  let ready = false; // the engine has started and the first state is shown
  let latest = 0; // sequence number of the latest request
  let scored = false; // a valid vector has been scored since the page loaded

  // --- small helpers -------------------------------------------------

  const sevClass = (en) => 'sev-' + String(en || 'none').toLowerCase();

  const toastEl = document.querySelector('.toast');
  let toastTimer = 0;
  function toast(msg) {
    if (!toastEl) return;
    toastEl.textContent = msg;
    toastEl.classList.add('show');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toastEl.classList.remove('show'); toastEl.textContent = ''; }, 2200);
  }

  function showAlert(msg) {
    alertEl.textContent = msg;
    alertEl.hidden = false;
    loadingEl.hidden = true;
  }

  // score asks the engine for vector's scores. The answer comes back as a
  // promise; it resolves to null when a newer request has been made since,
  // so that only the latest state is ever shown. While an answer is awaited
  // the calculator carries data-busy.
  function score(vector) {
    const seq = ++latest;
    root.dataset.busy = 'true';
    return engine.calc.score(vector).then((res) => {
      if (seq !== latest) return null;
      delete root.dataset.busy; // the caller shows the answer before anything else runs
      if (!res.ok && res.error.kind === 'unavailable') showAlert(res.error.message);
      return res;
    });
  }

  // --- form state ----------------------------------------------------

  function version() {
    const v = form.querySelector('input[name=version]:checked');
    return v ? v.value : '3.0';
  }

  function codes() {
    const out = new Map();
    for (const m of metrics) {
      const c = m.inputs.find((i) => i.checked);
      out.set(m.abbr, c ? c.value : '');
    }
    return out;
  }

  function buildVector(ver, cs) {
    let s = 'CVSS:' + ver;
    for (const m of metrics) {
      const c = cs.get(m.abbr);
      if (c && c !== 'X') s += '/' + m.abbr + ':' + c;
    }
    return s;
  }

  // apply sets every choice from an engine result.
  function apply(res) {
    for (const r of form.querySelectorAll('input[name=version]')) r.checked = r.value === res.scores.version;
    for (const m of metrics) {
      let c = res.codes[m.abbr] || 'X';
      if (c === 'X' && m.inputs.every((i) => i.value !== 'X')) c = defaults.get(m.abbr) || ''; // LP, II: absent means N
      for (const i of m.inputs) i.checked = i.value === c;
    }
  }

  function resetForm() {
    for (const r of form.querySelectorAll('input[name=version]')) r.checked = r.value === '3.0';
    for (const m of metrics) {
      const d = defaults.get(m.abbr);
      for (const i of m.inputs) i.checked = i.value === d;
    }
  }

  // --- output --------------------------------------------------------

  function setChip(chipId, valueId, sevId, s) {
    const chip = $(chipId);
    $(valueId).textContent = s ? s.text : '—';
    if (sevId) $(sevId).textContent = s ? s.severityJa + ' (' + s.severity + ')' : '';
    if (chip) chip.className = 'score ' + sevClass(s && s.severity);
  }

  // The phone score bar names the base metrics still to choose.
  function setBarMissing(missing) {
    const m = bar && bar.querySelector('[data-bar="missing"]');
    if (!m) return;
    m.textContent = missing.length ? '未選択: ' + missing.map((x) => x.abbr).join('・') : '';
  }

  function setBar(key, s) {
    const b = bar && bar.querySelector('[data-bar="' + key + '"]');
    if (!b) return;
    b.textContent = s ? s.text : '—';
    b.className = s ? 'score ' + sevClass(s.severity) : '';
  }

  let statusTimer = 0;
  function announce(msg) {
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { statusEl.textContent = msg; }, 500);
  }

  function render(res, fromInput) {
    const v = res && {
      base: scoreOf(res, 'base'),
      temporal: scoreOf(res, 'temporal'),
      environmental: scoreOf(res, 'environmental'),
      cvss30Base: scoreOf(res, 'cvss30Base'),
      vector: res.scores.vectorString,
    };
    setChip('base-chip', 'base-score', 'base-severity', v && v.base);
    setChip('temporal-chip', 'temporal-score', 'temporal-severity', v && v.temporal);
    setChip('environmental-chip', 'environmental-score', 'environmental-severity', v && v.environmental);
    setChip('cvss30-chip', 'cvss30-base-score', 'cvss30-severity', v && v.cvss30Base);
    setBar('base', v && v.base);
    setBar('temporal', v && v.temporal);
    setBar('environmental', v && v.environmental);
    $('plain31').hidden = !res || res.scores.version !== '3.1';
    $('plain31-base-score').textContent = res ? scoreOf(res.plain, 'base').text : '—';
    $('plain-environmental-score').textContent = res ? scoreOf(res.plain, 'environmental').text : '—';
    noteEl.textContent = res ? res.note : '';
    const sub = res && res.subscores;
    $('impact-subscore').textContent = sub ? sub.impactText : '—';
    $('exploitability-subscore').textContent = sub ? sub.exploitabilityText : '—';
    $('modified-impact-subscore').textContent = sub ? sub.modifiedImpactText : '—';
    $('modified-exploitability-subscore').textContent = sub ? sub.modifiedExploitabilityText : '—';
    if (v) {
      scored = true;
      missingEl.hidden = true;
      setBarMissing([]);
      if (!fromInput) input.value = v.vector;
      announce('基本値 ' + v.base.text + ' ' + v.base.severityJa + '、現状値 ' + v.temporal.text + ' ' +
        v.temporal.severityJa + '、環境値 ' + v.environmental.text + ' ' + v.environmental.severityJa);
    }
  }

  function showError(err, where) {
    let msg = err.message || 'ベクトルが不正です';
    const m = err.metric && byAbbr.get(err.metric);
    if (m) msg = m.label + ': ' + msg;
    errorEl.textContent = (where ? where + 'のベクトルの誤り — ' : 'ベクトルの誤り — ') + msg + '。' +
      (scored ? '直前の正しい状態のまま計算しています。' : 'ベクトルを直すか、下の評価指標を選んでください。');
    input.setAttribute('aria-invalid', 'true');
  }

  function clearError() {
    errorEl.textContent = '';
    input.removeAttribute('aria-invalid');
  }

  // --- URL fragment --------------------------------------------------

  function setHash(vector) {
    if (location.hash.slice(1) === vector) return;
    history.replaceState(history.state, '', location.pathname + location.search + '#' + vector);
  }

  function clearHash() {
    if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  }

  function fragment() {
    let f = location.hash.slice(1);
    try { f = decodeURIComponent(f); } catch (e) { /* keep it raw */ }
    return f;
  }

  // fromHash restores the vector of the fragment; an in-page anchor
  // (#main, #group-base) is left alone. It resolves to whether the
  // fragment decided the state.
  async function fromHash(initial) {
    const f = fragment();
    if (!f) {
      if (!initial) { resetForm(); update(false); clearError(); }
      return !initial;
    }
    if (document.getElementById(f)) return false;
    const res = await score(f);
    if (!res) return true; // superseded by a newer request
    if (res.ok) {
      apply(res.value);
      render(res.value);
      clearError();
      setHash(res.value.scores.vectorString); // the canonical form of what the link gave
      return true;
    }
    input.value = f;
    noteEl.textContent = '';
    showError(res.error, 'URL の # 以降');
    return false;
  }

  // --- updates -------------------------------------------------------

  // update scores the current choices; user changes replace the fragment.
  async function update(fromUser) {
    if (!ready) return;
    const cs = codes();
    const missing = metrics.filter((m) => m.required && !cs.get(m.abbr));
    const vector = buildVector(version(), cs);
    if (missing.length) {
      latest++; // an answer still on its way is no longer wanted
      delete root.dataset.busy;
      render(null);
      if (!input.hasAttribute('aria-invalid')) input.value = vector;
      // Nothing chosen yet: a neutral prompt, not a list of every metric.
      const untouched = missing.length === metrics.filter((m) => m.required).length;
      missingEl.textContent = untouched
        ? '基本評価項目（' + missing.map((m) => m.abbr).join('・') + '）を選ぶと、リスク値を計算します。'
        : 'あと ' + missing.length + ' 項目を選ぶと計算します（未選択: ' + missing.map((m) => m.label).join('、') + '）';
      missingEl.hidden = false;
      setBarMissing(missing);
      return;
    }
    const res = await score(vector);
    if (!res) return;
    if (!res.ok) { showError(res.error); return; }
    render(res.value);
    clearError();
    if (fromUser) setHash(res.value.scores.vectorString);
  }

  form.addEventListener('change', () => update(true));
  form.addEventListener('submit', (e) => e.preventDefault());

  // The vector field: a valid vector is applied as it is typed or pasted;
  // an invalid one is reported when pasted or committed (Enter, leaving the
  // field), and the last valid state stays.
  input.addEventListener('input', async (e) => {
    const text = input.value.trim();
    if (!text || !ready) { clearError(); return; }
    const res = await score(text);
    if (!res) return;
    if (res.ok) {
      apply(res.value);
      render(res.value, true);
      clearError();
      setHash(res.value.scores.vectorString);
    } else if (!e.inputType || /^insertFrom(Paste|Drop)|^insertReplacementText/.test(e.inputType)) {
      showError(res.error);
    }
  });
  async function commit() {
    const text = input.value.trim();
    if (!ready) return;
    if (!text) { update(false); return; }
    const res = await score(text);
    if (!res) return;
    if (res.ok) {
      apply(res.value);
      render(res.value);
      clearError();
      setHash(res.value.scores.vectorString);
    } else {
      showError(res.error);
    }
  }
  input.addEventListener('change', commit);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); commit(); }
  });

  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => toast(done), () => fallbackCopy(text, done));
    } else {
      fallbackCopy(text, done);
    }
  }
  function fallbackCopy(text, done) {
    const t = document.createElement('textarea');
    t.value = text;
    t.setAttribute('readonly', '');
    t.className = 'visually-hidden';
    document.body.appendChild(t);
    t.select();
    let ok;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    t.remove();
    toast(ok ? done : 'コピーできませんでした。ベクトル欄から手動でコピーしてください');
  }
  $('vector-copy').addEventListener('click', () => copy(input.value, 'ベクトルをコピーしました'));
  $('link-copy').addEventListener('click', () => copy(location.href, 'リンクをコピーしました'));
  $('calc-reset').addEventListener('click', () => {
    resetForm();
    clearError();
    clearHash();
    update(false);
  });

  // All value definitions at once: one tab stop instead of one per metric.
  const defsToggle = $('calc-defs-toggle');
  if (defsToggle) {
    defsToggle.addEventListener('click', () => {
      const open = defsToggle.getAttribute('aria-expanded') !== 'true';
      for (const d of form.querySelectorAll('details.metric-defs')) d.open = open;
      defsToggle.setAttribute('aria-expanded', String(open));
      defsToggle.textContent = open ? '各値の定義と係数をすべて閉じる' : '各値の定義と係数をすべて開く';
    });
  }

  // Heights the layout needs, measured after layout (no forced layout) and
  // written only when they change. The custom properties are registered as
  // not inherited (calculator.css) and set on the element whose rules use
  // them, so that a new value restyles that element alone, not the page
  // below it.
  const borderHeight = (entries) => {
    const e = entries[entries.length - 1];
    const box = e.borderBoxSize && e.borderBoxSize[0];
    return Math.ceil(box ? box.blockSize : e.target.getBoundingClientRect().height);
  };

  // The sticky results panel knows its height (calculator.css sticks a tall
  // panel by its bottom edge instead of cutting it).
  const results = $('calc-results');
  if ('ResizeObserver' in window) {
    let panelH = -1;
    new ResizeObserver((entries) => {
      const h = borderHeight(entries);
      if (h === panelH) return;
      panelH = h;
      results.style.setProperty('--calc-panel-h', h + 'px');
    }).observe(results);
  }

  // The phone score bar: a tap jumps to the results (the fragment keeps the
  // vector); the page reserves the bar's height below the choices so that
  // none stays under it, and the bar hides while the results are in view.
  if (bar) {
    bar.addEventListener('click', () => {
      results.scrollIntoView({ block: 'start' });
      $('results-h').focus({ preventScroll: true });
    });
    if ('ResizeObserver' in window) {
      let barH = -1;
      new ResizeObserver((entries) => {
        const h = borderHeight(entries);
        if (h === barH) return;
        const was = barH;
        barH = h;
        root.style.setProperty('--calc-bar-h', h + 'px');
        // Focus is scrolled clear of the bar. A plain property: a custom
        // property on <html> would restyle every element of the page.
        if (h || was > 0) document.documentElement.style.scrollPaddingBottom = h ? 'calc(' + h + 'px + .5rem)' : '';
      }).observe(bar);
    }
    if ('IntersectionObserver' in window) {
      new IntersectionObserver((entries) => {
        for (const e of entries) bar.classList.toggle('calc-bar-away', e.isIntersecting);
      }).observe(results);
    }
  }

  window.addEventListener('hashchange', () => { if (ready) fromHash(false); });
  window.addEventListener('popstate', () => { if (ready) fromHash(false); });
  engine.addEventListener('exit', (e) => {
    ready = false;
    showAlert(e.detail.message);
  });

  // --- start ---------------------------------------------------------

  if (!engine.supported) {
    showAlert(engine.messages.unsupported);
    return;
  }
  const onProgress = (e) => {
    const d = e.detail;
    loadingEl.textContent = d.phase === 'download' && d.total ? d.message + ' ' + Math.min(99, Math.floor(d.loaded * 100 / d.total)) + '%' : d.message;
  };
  engine.addEventListener('progress', onProgress);
  loadingEl.textContent = engine.messages.download;
  loadingEl.hidden = false;
  engine.begin().then(async () => { // now when the address holds a vector, else once drawn
    engine.removeEventListener('progress', onProgress);
    ready = true;
    if (!(await fromHash(true))) await update(false);
    loadingEl.textContent = '';
    if (bar) bar.hidden = false;
    root.dataset.ready = 'true';
    performance.mark('shguide:calculator-ready');
    layOutRest();
  }).catch((err) => {
    showAlert((err && err.message) || engine.messages.failed);
  });

  // layOutRest lays out the metrics the first layout skipped (those off
  // screen, calculator.css), two at a time when the browser is idle: the
  // work never blocks the page, and a jump far down the form (a link, the
  // keyboard) then lands on metrics of their true size.
  function layOutRest() {
    const rest = metrics.map((m) => m.inputs[0].closest('fieldset')).filter((fs) => fs && !fs.classList.contains('laid-out'));
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));
    const step = () => {
      for (const fs of rest.splice(0, 2)) fs.classList.add('laid-out');
      if (rest.length) idle(step);
    };
    idle(step);
  }
}
