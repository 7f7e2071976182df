// worksheet.js — the risk register (calculator/worksheet/): rows of
// (name, vector, note) scored by the site's Go WebAssembly engine (calc.*,
// in a Web Worker reached through engine.js). Imports (CSV, JSON, pasted text, the guideline's tables)
// are validated in Go and shown for confirmation first: the worksheet
// changes only when the user accepts the good rows. Rows live in
// localStorage only; nothing leaves the browser. Every text from files,
// storage or the engine is set with textContent / value, never as HTML.
import { engine, scoreOf } from './engine.js';

const root = document.getElementById('worksheet');
if (root) {
  if (engine.supported) engine.start().catch(() => {}); // as early as possible
  main();
}

function main() {

  const $ = (id) => document.getElementById(id);
  const KEY = 'shguide.worksheet.v1';
  const MAX_ROWS = Number(root.dataset.maxRows) || 1000;
  const MAX_FILE = 4 << 20;
  const calcURL = root.dataset.calculator;
  const tbody = $('ws-rows');
  const statusEl = $('ws-status');
  const alertEl = $('ws-alert');
  const previewEl = $('ws-preview');

  let ready = false;
  let rows = []; // {id, name, vector, note}
  const results = new Map(); // id → engine answer {ok, value | error}
  let nextID = 1;
  let pending = null; // the import awaiting confirmation
  let storageOK = true;
  let sortState = null; // {key, dir}

  const sevClass = (en) => 'sev-' + String(en || 'none').toLowerCase();
  const plainRows = () => rows.map((r) => ({ name: r.name, vector: r.vector, note: r.note }));
  const withIDs = (list) => list.map((r) => ({ id: nextID++, name: r.name, vector: r.vector, note: r.note || '' }));

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'value') e.value = v;
        else if (k in e && typeof v !== 'string') e[k] = v;
        else e.setAttribute(k, v);
      }
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  function showAlert(msg) {
    alertEl.textContent = msg;
    alertEl.hidden = false;
  }

  // status shows a message, with an undo button when a snapshot of the
  // rows is given.
  function status(msg, snapshot) {
    statusEl.textContent = msg;
    if (snapshot) {
      const b = el('button', { type: 'button', class: 'button', text: '元に戻す' });
      b.addEventListener('click', async () => {
        rows = snapshot;
        save();
        await scoreAll();
        render();
        status('元に戻しました');
      });
      statusEl.append(' ', b);
    }
  }

  // call runs an engine function → Promise of its answer; an engine that
  // has stopped answers with an error, which is also shown. While answers
  // are awaited the worksheet carries data-busy; it is removed when the
  // last arrives, before the caller's next step runs.
  let inflight = 0;
  function call(name, arg) {
    inflight++;
    root.dataset.busy = 'true';
    return engine.call('calc', name, arg).then((res) => {
      if (--inflight === 0) delete root.dataset.busy;
      if (!res.ok && res.error.kind === 'unavailable') showAlert(res.error.message);
      return res;
    });
  }

  // --- storage -------------------------------------------------------

  function backup(raw) {
    try { localStorage.setItem(KEY + '.backup', raw); } catch (e) { /* best effort */ }
  }

  async function loadStored() {
    let raw;
    try {
      raw = localStorage.getItem(KEY);
    } catch (e) {
      storageOK = false;
      showAlert('このブラウザーの設定では保存領域（localStorage）を使えないため、ワークシートはページを閉じると消えます。書き出して保存してください。');
      return [];
    }
    if (raw == null) return [];
    let doc;
    try {
      doc = JSON.parse(raw);
    } catch (e) {
      backup(raw);
      showAlert('保存されていたワークシートが壊れていて読み込めませんでした。元のデータは別名（' + KEY + '.backup）で残してあります。');
      return [];
    }
    const res = await call('importJSON', doc);
    if (!res.ok) return [];
    if (res.value.problems.length) {
      backup(raw);
      showAlert('保存されていたワークシートのうち ' + res.value.badLines + ' 件を読み込めませんでした（' +
        res.value.problems[0].message + ' など）。元のデータは別名（' + KEY + '.backup）で残してあります。');
    }
    return res.value.rows;
  }

  function save() {
    if (!storageOK) return;
    try {
      localStorage.setItem(KEY, JSON.stringify({ format: 'shguide-worksheet', version: 1, rows: plainRows() }));
    } catch (e) {
      showAlert('ワークシートをブラウザーに保存できませんでした（保存領域の不足など）。内容を失わないよう、CSV か JSON で書き出してください。');
    }
  }

  // --- scoring and rendering -----------------------------------------

  // scoreAll scores every row again; rows changed meanwhile keep what the
  // latest call gives them.
  async function scoreAll() {
    const list = rows.slice();
    const res = await call('scoreMany', list.map((r) => r.vector));
    results.clear();
    if (!res.ok) return;
    list.forEach((r, i) => results.set(r.id, res.value[i]));
  }

  function chip(s) {
    return el('span', { class: 'score ' + sevClass(s.severity), title: s.severityJa },
      el('span', { class: 'score-value', text: s.text }), ' ', el('span', { class: 'score-sev', text: s.severityJa }));
  }

  function fillScores(tr, r) {
    const res = results.get(r.id);
    const v = res && res.ok ? res.value : null;
    for (const key of ['base', 'temporal', 'environmental', 'cvss30Base']) {
      const td = tr.querySelector('[data-score="' + key + '"]');
      td.replaceChildren(v ? chip(scoreOf(v, key)) : el('span', { class: 'na', text: '—' }));
    }
    const a = tr.querySelector('a.ws-open');
    a.href = calcURL + '#' + r.vector;
  }

  function rowElement(r, i) {
    const n = i + 1;
    const errID = 'ws-err-' + r.id;
    const tr = el('tr', { 'data-id': String(r.id) },
      el('td', { class: 'num', text: String(n) }),
      el('td', null, el('input', { class: 'ws-name', type: 'text', value: r.name, maxLength: 200, 'aria-label': '名前（' + n + ' 行目）' })),
      el('td', null,
        el('input', { class: 'ws-vector', type: 'text', value: r.vector, spellcheck: false, autocomplete: 'off', 'aria-label': 'ベクトル（' + n + ' 行目）', 'aria-describedby': errID }),
        el('p', { class: 'cell-error', id: errID })),
      el('td', { class: 'num', 'data-score': 'base' }),
      el('td', { class: 'num', 'data-score': 'temporal' }),
      el('td', { class: 'num', 'data-score': 'environmental' }),
      el('td', { class: 'num', 'data-score': 'cvss30Base' }),
      el('td', null, el('textarea', { class: 'ws-note', rows: 1, maxLength: 2000, 'aria-label': '備考（' + n + ' 行目）', value: r.note })),
      el('td', null, el('div', { class: 'ws-actions' },
        el('a', { class: 'ws-open', href: calcURL, text: '計算機で開く', 'aria-label': '計算機で開く（' + n + ' 行目）' }),
        el('button', { type: 'button', class: 'button', 'data-action': 'duplicate', text: '複製', 'aria-label': '複製（' + n + ' 行目）' }),
        el('button', { type: 'button', class: 'button', 'data-action': 'delete', text: '削除', 'aria-label': '削除（' + n + ' 行目）' }))));
    fillScores(tr, r);
    return tr;
  }

  function render() {
    tbody.replaceChildren(...rows.map(rowElement));
    $('ws-empty').hidden = rows.length > 0;
    $('ws-count').textContent = rows.length ? '（' + rows.length + ' 行）' : '';
    for (const th of root.querySelectorAll('th[data-sort]')) {
      if (sortState && th.dataset.sort === sortState.key) th.setAttribute('aria-sort', sortState.dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
  }

  const rowOf = (node) => {
    const tr = node.closest('tr[data-id]');
    const id = tr && Number(tr.dataset.id);
    return { tr, row: rows.find((r) => r.id === id), index: rows.findIndex((r) => r.id === id) };
  };

  // --- editing -------------------------------------------------------

  tbody.addEventListener('change', async (e) => {
    const t = e.target;
    const { tr, row } = rowOf(t);
    if (!row) return;
    if (t.classList.contains('ws-name')) {
      // eslint-disable-next-line no-control-regex -- control characters are what it removes
      const name = t.value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
      if (!name) {
        t.value = row.name;
        status('名前は空にできません。元の名前に戻しました。');
        return;
      }
      row.name = name;
      t.value = name;
    } else if (t.classList.contains('ws-note')) {
      row.note = t.value.trim();
    } else if (t.classList.contains('ws-vector')) {
      const err = tr.querySelector('.cell-error');
      const text = t.value.trim();
      const res = await call('score', text);
      if (t.value.trim() !== text || !rows.includes(row)) return; // edited again, or deleted, meanwhile
      if (!res.ok) {
        err.textContent = res.error.message + '（前の正しいベクトルで計算しています）';
        t.setAttribute('aria-invalid', 'true');
        return;
      }
      err.textContent = '';
      t.removeAttribute('aria-invalid');
      row.vector = res.value.scores.vectorString;
      t.value = row.vector;
      results.set(row.id, res);
      fillScores(tr, row);
      if (sortState) { sortState = null; render(); }
    }
    save();
  });

  tbody.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (!b) return;
    const { row, index } = rowOf(b);
    if (!row) return;
    const snapshot = rows.slice();
    if (b.dataset.action === 'duplicate') {
      if (rows.length >= MAX_ROWS) { status('行数の上限（' + MAX_ROWS + ' 行）に達しています。'); return; }
      const copy = { id: nextID++, name: row.name + '（コピー）', vector: row.vector, note: row.note };
      rows.splice(index + 1, 0, copy);
      results.set(copy.id, results.get(row.id));
      save();
      render();
      status('「' + row.name + '」を複製しました');
      const next = tbody.querySelector('tr[data-id="' + copy.id + '"] .ws-name');
      if (next) next.focus();
    } else if (b.dataset.action === 'delete') {
      rows.splice(index, 1);
      save();
      render();
      status('「' + row.name + '」を削除しました', snapshot);
      const focus = tbody.querySelectorAll('.ws-name')[Math.min(index, rows.length - 1)];
      if (focus) focus.focus(); else $('ws-add').focus();
    }
  });

  $('ws-add').addEventListener('click', async () => {
    if (rows.length >= MAX_ROWS) { status('行数の上限（' + MAX_ROWS + ' 行）に達しています。'); return; }
    const r = { id: nextID++, name: '脅威 ' + (rows.length + 1), vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N/LP:N/II:N', note: '' };
    rows.push(r);
    save();
    results.set(r.id, await call('score', r.vector));
    render();
    status('行を追加しました（' + rows.length + ' 行目）');
    const input = tbody.querySelector('tr[data-id="' + r.id + '"] .ws-name');
    if (input) { input.focus(); input.select(); }
  });

  $('ws-clear').addEventListener('click', () => {
    if (!rows.length) return;
    const snapshot = rows.slice();
    rows = [];
    sortState = null;
    save();
    render();
    status('すべての行を削除しました', snapshot);
  });

  // Sorting reorders the rows (scores high to low first, names in
  // Japanese order); errors go last.
  function sortKey(r, key) {
    if (key === 'name') return r.name;
    const res = results.get(r.id);
    return res && res.ok ? scoreOf(res.value, key === 'cvss30' ? 'cvss30Base' : key).value : null;
  }
  root.querySelector('thead').addEventListener('click', (e) => {
    const th = e.target.closest('th[data-sort]');
    if (!th || !e.target.closest('button')) return;
    const key = th.dataset.sort;
    const dir = sortState && sortState.key === key ? -sortState.dir : (key === 'name' ? 1 : -1);
    const collator = new Intl.Collator('ja');
    rows = rows.map((r, i) => ({ r, i, k: sortKey(r, key) })).sort((a, b) => {
      if (a.k == null || b.k == null) return (a.k == null) - (b.k == null) || a.i - b.i;
      const c = key === 'name' ? collator.compare(a.k, b.k) : a.k - b.k;
      return c * dir || a.i - b.i;
    }).map((x) => x.r);
    sortState = { key, dir };
    save();
    render();
    status(th.textContent.trim() + (key === 'name' ? (dir > 0 ? 'の順' : 'の逆順') : (dir > 0 ? 'の低い順' : 'の高い順')) + 'に並べ替えました');
  });

  // --- import with confirmation --------------------------------------

  function preview(imp, source) {
    pending = imp;
    const unit = imp.unit === '件' ? '件' : '行';
    let msg = source + ': 読み込める行 ' + imp.rows.length + ' 行';
    if (imp.badLines) msg += '、問題のある' + unit + ' ' + imp.badLines + ' ' + unit;
    $('ws-preview-summary').textContent = msg + '。' + (imp.assumedNote ? imp.assumedNote : '');
    $('ws-problems').replaceChildren(...imp.problems.map((p) => el('li', { text: p.message })));
    $('ws-accept-append').disabled = imp.rows.length === 0;
    $('ws-accept-replace').disabled = imp.rows.length === 0;
    previewEl.hidden = false;
    previewEl.focus();
  }

  function previewFailure(source, message) {
    preview({ unit: '行', rows: [], problems: [{ message: message }], badLines: 1 }, source);
  }

  function closePreview() {
    pending = null;
    previewEl.hidden = true;
    $('ws-problems').replaceChildren();
  }

  async function accept(replace) {
    if (!pending || !pending.rows.length) return;
    const incoming = withIDs(pending.rows);
    if (!replace && rows.length + incoming.length > MAX_ROWS) {
      $('ws-preview-summary').textContent = '追加すると ' + MAX_ROWS + ' 行を超えます。置き換えるか、行を減らしてください。';
      return;
    }
    const snapshot = rows.slice();
    rows = replace ? incoming : rows.concat(incoming);
    sortState = null;
    save();
    closePreview();
    await scoreAll();
    render();
    status((replace ? 'ワークシートを ' + incoming.length + ' 行で置き換えました' : incoming.length + ' 行を追加しました'), snapshot);
    $('ws-sheet-h').scrollIntoView({ block: 'nearest' });
  }

  $('ws-accept-append').addEventListener('click', () => accept(false));
  $('ws-accept-replace').addEventListener('click', () => accept(true));
  $('ws-cancel').addEventListener('click', () => { closePreview(); status('読み込みを取り消しました（ワークシートは変わっていません）'); });

  function importAnswer(answer, source) {
    return answer.then((res) => {
      if (!res.ok) { previewFailure(source, res.error.message); return; }
      preview(res.value, source);
    });
  }

  // decode reads a file as UTF-8, or as Shift_JIS when it is not valid
  // UTF-8 (CSV saved by older spreadsheet programs).
  function decode(buf) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch (e) {
      try { return new TextDecoder('shift_jis').decode(buf); } catch (e2) { return new TextDecoder('utf-8').decode(buf); }
    }
  }

  const fileInput = $('ws-file');
  fileInput.addEventListener('change', () => {
    const f = fileInput.files && fileInput.files[0];
    if (!f) return;
    const name = f.name;
    fileInput.value = ''; // the same file can be chosen again
    if (f.size > MAX_FILE) { previewFailure(name, 'ファイルが大きすぎます（4 MB まで）'); return; }
    f.arrayBuffer().then((buf) => {
      const text = decode(buf).replace(/^\uFEFF/, '');
      if (/\.json$/i.test(name) || /^\s*[[{]/.test(text)) {
        let doc;
        try {
          doc = JSON.parse(text);
        } catch (e) {
          previewFailure(name, 'JSON として読めません（' + e.message + '）');
          return;
        }
        importAnswer(call('importJSON', doc), name);
      } else {
        importAnswer(call('importCSV', text), name);
      }
    }, () => previewFailure(name, 'ファイルを読めませんでした'));
  });

  $('ws-paste-load').addEventListener('click', () => {
    const text = $('ws-paste').value;
    if (!text.trim()) { status('貼り付け欄が空です'); return; }
    importAnswer(call('importPaste', text), '貼り付けた内容');
  });

  let templates = null;
  $('ws-template-load').addEventListener('click', () => {
    const sel = $('ws-template');
    const id = sel.value;
    const title = sel.options[sel.selectedIndex] ? sel.options[sel.selectedIndex].textContent : id;
    const got = templates ? Promise.resolve(templates) : fetch(root.dataset.templates, { credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
    got.then((data) => {
      templates = data;
      const t = (data.templates || []).find((x) => x.id === id);
      if (!t) throw new Error(id);
      importAnswer(call('importJSON', { rows: t.rows }), t.title || title);
    }).catch(() => previewFailure(title, '表のデータを読み込めませんでした。ページを再読み込みしてください。'));
  });

  // --- export --------------------------------------------------------

  function download(text, name, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el('a', { href: url, download: name, class: 'visually-hidden' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  function stamp() {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + p(d.getMonth() + 1) + p(d.getDate());
  }
  async function exportAs(kind) {
    if (!rows.length) { status('書き出す行がありません'); return; }
    const res = await call(kind === 'csv' ? 'exportCSV' : 'exportJSON', plainRows());
    if (!res.ok) { status('書き出せませんでした: ' + res.error.message); return; }
    const text = res.value; // the CSV starts with the byte order mark spreadsheet programs need
    download(text, 'risk-worksheet-' + stamp() + '.' + kind, kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
    status(rows.length + ' 行を ' + kind.toUpperCase() + ' で書き出しました');
  }
  $('ws-export-csv').addEventListener('click', () => exportAs('csv'));
  $('ws-export-json').addEventListener('click', () => exportAs('json'));

  // --- start ---------------------------------------------------------

  engine.addEventListener('exit', (e) => {
    ready = false;
    showAlert(e.detail.message);
  });
  // Another tab changed the worksheet: take its rows.
  window.addEventListener('storage', async (e) => {
    if (e.key !== KEY || !ready) return;
    rows = withIDs(await loadStored());
    await scoreAll();
    render();
    status('別のタブでの変更を反映しました');
  });

  if (!engine.supported) { showAlert(engine.messages.unsupported); return; }
  const onProgress = (e) => {
    const d = e.detail;
    status(d.phase === 'download' && d.total ? d.message + ' ' + Math.min(99, Math.floor(d.loaded * 100 / d.total)) + '%' : d.message);
  };
  engine.addEventListener('progress', onProgress);
  status('計算エンジンを読み込んでいます…');
  engine.start().then(async () => {
    engine.removeEventListener('progress', onProgress);
    ready = true;
    rows = withIDs(await loadStored());
    await scoreAll();
    render();
    root.hidden = false;
    root.dataset.ready = 'true';
    status(rows.length ? rows.length + ' 行のワークシートを読み込みました' : '');
  }).catch((err) => showAlert((err && err.message) || engine.messages.failed));
}
