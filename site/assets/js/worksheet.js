// worksheet.js — the risk register (calculator/worksheet/): named
// worksheets of rows (name, vector, note) scored with the guideline's
// method. Everything the worksheet knows — the saved data and its
// versions, merging other tabs' edits, validation, imports, exports,
// sorting — is the Go engine's (package calculator/worksheet, reached in
// a Web Worker through engine.js). This script renders what the engine
// answers, passes on what the user does, and moves the saved text between
// localStorage and the engine (saved.js). Text from files, storage or the
// engine is only ever set with textContent or value, never as HTML.
import { engine } from './engine.js';
import { Store, download, kept, unreadable } from './saved.js';

const root = document.getElementById('worksheet');
if (root) {
  if (engine.supported) engine.start().catch(() => {}); // as early as possible
  main();
}

function main() {
  const $ = (id) => document.getElementById(id);
  const MAX_FILE = 4 << 20;
  const calcURL = root.dataset.calculator;
  const tbody = $('ws-rows');
  const statusEl = $('ws-status');
  const alertEl = $('ws-alert');
  const previewEl = $('ws-preview');
  const sheetSel = $('ws-sheet');
  const sheetName = $('ws-sheet-name');
  const store = new Store(root.dataset.storageKey, root.dataset.legacyKey);
  const rowEls = new Map(); // row id → <tr>
  const grows = typeof CSS !== 'undefined' && CSS.supports && CSS.supports('field-sizing', 'content');
  let view = null; // the engine's last view
  let usable = false; // the worksheet is shown and edits are passed on

  store.onError = () => showAlert('ワークシートをブラウザーに保存できませんでした（保存領域の不足など）。内容を失わないよう、CSV か JSON で書き出してください。');

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k in e && typeof v !== 'string') e[k] = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  function showAlert(msg) {
    alertEl.textContent = msg;
    alertEl.hidden = false;
  }

  // status shows a message, with an undo button when the engine offers one.
  function status(msg, undo) {
    statusEl.textContent = msg || '';
    if (undo) {
      const b = el('button', { type: 'button', class: 'button', text: '元に戻す' });
      b.addEventListener('click', () => act('undo', [undo]));
      statusEl.append(' ', b);
    }
  }

  // call runs a worksheet function of the engine → its value, or null
  // after showing why it could not run. While answers are awaited the
  // worksheet carries data-busy.
  let inflight = 0;
  async function call(name, ...args) {
    inflight++;
    root.dataset.busy = 'true';
    const res = await engine.call('worksheet', name, ...args);
    if (--inflight === 0) delete root.dataset.busy;
    if (!res.ok) {
      showAlert(res.error.message);
      return null;
    }
    return res.value;
  }

  // apply shows an answer of the engine and saves what it says to save;
  // typing waits a little before saving.
  function apply(c, typing) {
    if (!c) return c;
    if (c.save !== undefined) store.save(c.save, typing ? 400 : 0);
    if (c.view) render(c.view);
    if (c.row) updateRow(c.row);
    if (c.error) status(c.error);
    else if (c.message !== undefined || c.undo) status(c.message || '', c.undo);
    if (c.focus) {
      const input = rowEls.get(c.focus) && rowEls.get(c.focus).querySelector('.ws-name');
      if (input) { input.focus(); input.select(); }
    }
    return c;
  }

  // act calls the engine for a user action and shows the answer.
  async function act(name, args, typing) {
    if (!usable) return null;
    return apply(await call(name, ...(args || [])), typing);
  }

  // --- rendering -----------------------------------------------------

  const SCORES = [['base', '基本値'], ['temporal', '現状値'], ['environmental', '環境値'], ['cvss30Base', 'CVSS v3.0']];

  function chip(r, key) {
    const sev = String(r[key + 'Severity'] || 'NONE').toLowerCase();
    return el('span', { class: 'score sev-' + sev, title: r[key + 'SeverityJa'] },
      el('span', { class: 'score-value', text: r[key + 'Score'].toFixed(1) }), ' ',
      el('span', { class: 'score-sev', text: r[key + 'SeverityJa'] }));
  }

  function rowElement(r) {
    const errID = 'ws-err-' + r.id;
    const noteID = 'ws-note-' + r.id;
    return el('tr', { 'data-id': r.id },
      el('td', { class: 'num ws-n' }),
      el('td', { class: 'ws-threat' },
        el('textarea', { class: 'ws-name', rows: 1, maxLength: 200, autocomplete: 'off' }),
        el('textarea', { class: 'ws-vector', rows: 2, spellcheck: false, autocomplete: 'off', 'aria-describedby': errID }),
        el('p', { class: 'cell-error', id: errID })),
      ...SCORES.map(([key, label]) => el('td', { class: 'num', 'data-score': key, 'data-label': label })),
      el('td', { class: 'ws-note-cell' },
        el('label', { class: 'ws-note-label', for: noteID, text: '備考' }),
        el('textarea', { class: 'ws-note', id: noteID, rows: 3, maxLength: 2000 })),
      el('td', { class: 'ws-actions-cell' }, el('div', { class: 'ws-actions' },
        el('a', { class: 'ws-open', href: calcURL, text: '計算機で開く' }),
        el('button', { type: 'button', class: 'button', 'data-action': 'duplicate', text: '複製' }),
        el('button', { type: 'button', class: 'button', 'data-action': 'delete', text: '削除' }))));
  }

  // setValue shows a value in a field unless the user is in it or has
  // changed it without the engine having taken the change yet: what is
  // being typed is never replaced by another tab's change.
  function setValue(input, value) {
    if (document.activeElement === input) return;
    if (input.dataset.shown !== undefined && input.value !== input.dataset.shown) return;
    shown(input, value);
  }

  // shown sets a field to what the engine holds.
  function shown(input, value) {
    if (input.value !== value) input.value = value;
    input.dataset.shown = value;
  }

  // fit grows a text area to its text where CSS cannot (field-sizing).
  function fit(t) {
    if (grows) return;
    t.style.height = 'auto';
    t.style.height = t.scrollHeight + 2 + 'px';
  }

  function updateRow(r) {
    const tr = rowEls.get(r.id);
    if (!tr) return;
    const n = r.n;
    tr.querySelector('.ws-n').textContent = String(n);
    const name = tr.querySelector('.ws-name');
    const vector = tr.querySelector('.ws-vector');
    const note = tr.querySelector('.ws-note');
    name.setAttribute('aria-label', '名前（' + n + ' 行目）');
    vector.setAttribute('aria-label', 'ベクトル（' + n + ' 行目）');
    note.setAttribute('aria-label', '備考（' + n + ' 行目）');
    setValue(name, r.name);
    setValue(vector, r.vector);
    setValue(note, r.note);
    for (const [key] of SCORES) {
      const td = tr.querySelector('[data-score="' + key + '"]');
      td.replaceChildren(r.error ? el('span', { class: 'na', text: '—' }) : chip(r, key));
    }
    const open = tr.querySelector('a.ws-open');
    open.href = calcURL + '#' + r.vector;
    open.setAttribute('aria-label', '計算機で開く（' + n + ' 行目）');
    tr.querySelector('[data-action="duplicate"]').setAttribute('aria-label', '複製（' + n + ' 行目）');
    tr.querySelector('[data-action="delete"]').setAttribute('aria-label', '削除（' + n + ' 行目）');
    fit(name);
    fit(vector);
    fit(note);
  }

  function render(v) {
    // Another sheet: its name replaces whatever the field held.
    const set = !view || view.sheet !== v.sheet ? shown : setValue;
    view = v;
    sheetSel.replaceChildren(...v.sheets.map((s) => el('option', { value: s.id, text: s.name + '（' + s.rows + ' 行）' })));
    sheetSel.value = v.sheet;
    set(sheetName, v.name);
    $('ws-sheet-delete').disabled = false;
    $('ws-sheet-title').textContent = '「' + v.name + '」の行';
    const keep = new Set(v.rows.map((r) => r.id));
    for (const [id, tr] of rowEls) {
      if (!keep.has(id)) {
        tr.remove();
        rowEls.delete(id);
      }
    }
    // Rows are moved only where the order changed, and the field being
    // edited keeps its focus and selection.
    const active = document.activeElement;
    const selection = active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
    let prev = null;
    for (const r of v.rows) {
      let tr = rowEls.get(r.id);
      if (!tr) {
        tr = rowElement(r);
        rowEls.set(r.id, tr);
      }
      const want = prev ? prev.nextSibling : tbody.firstChild;
      if (want !== tr) tbody.insertBefore(tr, want);
      updateRow(r);
      prev = tr;
    }
    if (active && active !== document.activeElement && tbody.contains(active)) {
      active.focus();
      if (selection) active.setSelectionRange(selection[0], selection[1]);
    }
    $('ws-empty').hidden = v.rows.length > 0;
    $('ws-count').textContent = v.rows.length ? '（' + v.rows.length + ' 行）' : '';
    for (const th of root.querySelectorAll('th[data-sort]')) {
      if (v.sort && th.dataset.sort === v.sort.key) th.setAttribute('aria-sort', v.sort.dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
    $('ws-unsort').hidden = !v.sort;
    const note = $('ws-sort-note');
    note.hidden = !v.sort;
    note.textContent = v.sort ? '並べ替えて表示しています。# は保存されている順の番号で、その順は変わりません。' : '';
  }

  const rowOf = (node) => {
    const tr = node.closest('tr[data-id]');
    return tr ? tr.dataset.id : null;
  };

  // --- editing -------------------------------------------------------

  tbody.addEventListener('input', (e) => {
    const t = e.target;
    const id = rowOf(t);
    if (!id) return;
    if (t.classList.contains('ws-note')) {
      fit(t);
      act('set', [id, 'note', t.value], true);
    } else if (t.classList.contains('ws-name')) {
      fit(t);
      if (t.value.trim()) act('set', [id, 'name', t.value], true);
    } else if (t.classList.contains('ws-vector')) {
      fit(t);
    }
  });

  // commitVector passes a vector on; a wrong one stays in the box, marked,
  // with the engine's message, and the row keeps its last good vector.
  async function commitVector(t, id) {
    const typed = t.value;
    const c = await act('set', [id, 'vector', typed]);
    if (!c) return;
    const err = document.getElementById('ws-err-' + id);
    if (c.error) {
      err.textContent = c.error + '（前の正しいベクトルで計算しています）';
      t.setAttribute('aria-invalid', 'true');
      status('');
      return;
    }
    err.textContent = '';
    t.removeAttribute('aria-invalid');
    if (c.row && t.value === typed) {
      shown(t, c.row.vector);
      fit(t);
    }
  }

  tbody.addEventListener('change', async (e) => {
    const t = e.target;
    const id = rowOf(t);
    if (!id) return;
    if (t.classList.contains('ws-vector')) {
      commitVector(t, id);
    } else if (t.classList.contains('ws-name') || t.classList.contains('ws-note')) {
      const field = t.classList.contains('ws-name') ? 'name' : 'note';
      const typed = t.value;
      const c = await act('set', [id, field, typed]);
      // The engine's form of the text (one line, trimmed), or the value it
      // kept when it refused the change.
      if (c && c.row && t.value === typed && document.activeElement !== t) shown(t, c.row[field]);
    }
  });

  // Enter in a name or a vector (one line each, shown wrapped) ends the
  // edit instead of breaking the line.
  tbody.addEventListener('keydown', (e) => {
    const t = e.target;
    if (e.key !== 'Enter' || e.isComposing || !(t.classList.contains('ws-vector') || t.classList.contains('ws-name'))) return;
    e.preventDefault();
    if (t.classList.contains('ws-vector')) commitVector(t, rowOf(t));
    else t.dispatchEvent(new Event('change', { bubbles: true }));
  });

  tbody.addEventListener('click', async (e) => {
    const b = e.target.closest('button[data-action]');
    if (!b) return;
    const id = rowOf(b);
    if (b.dataset.action === 'duplicate') {
      act('duplicateRow', [id]);
    } else if (b.dataset.action === 'delete') {
      const next = b.closest('tr').nextElementSibling || b.closest('tr').previousElementSibling;
      const c = await act('deleteRow', [id]);
      if (c && !c.error) {
        const focus = next && rowEls.has(next.dataset.id) ? next.querySelector('.ws-name') : $('ws-add');
        focus.focus();
      }
    }
  });

  $('ws-add').addEventListener('click', () => act('addRow'));
  $('ws-clear').addEventListener('click', () => act('clearRows'));
  $('ws-unsort').addEventListener('click', () => act('unsort'));
  root.querySelector('thead').addEventListener('click', (e) => {
    const th = e.target.closest('th[data-sort]');
    if (th && e.target.closest('button')) act('sort', [th.dataset.sort]);
  });

  // --- sheets --------------------------------------------------------

  sheetSel.addEventListener('change', () => act('selectSheet', [sheetSel.value]));
  sheetName.addEventListener('input', () => {
    if (sheetName.value.trim()) act('renameSheet', [sheetName.value], true);
  });
  sheetName.addEventListener('change', async () => {
    await act('renameSheet', [sheetName.value]);
    if (view && document.activeElement !== sheetName) shown(sheetName, view.name);
  });
  $('ws-sheet-new').addEventListener('click', async () => {
    const c = await act('newSheet');
    if (c && !c.error) { sheetName.focus(); sheetName.select(); }
  });
  $('ws-sheet-duplicate').addEventListener('click', () => act('duplicateSheet'));
  $('ws-sheet-delete').addEventListener('click', () => act('deleteSheet'));

  // --- import with confirmation --------------------------------------

  function preview(imp, source) {
    if (!imp) return;
    const unit = imp.unit === '件' ? '件' : '行';
    let msg = source + ': 読み込める行 ' + imp.rows.length + ' 行';
    if (imp.badLines) msg += '、問題のある' + unit + ' ' + imp.badLines + ' ' + unit;
    $('ws-preview-summary').textContent = msg + '。「' + (view ? view.name : '') + '」に読み込みます。' + (imp.assumedNote ? ' ' + imp.assumedNote : '');
    $('ws-problems').replaceChildren(...imp.problems.map((p) => el('li', { text: p.message })));
    $('ws-accept-append').disabled = imp.rows.length === 0;
    $('ws-accept-replace').disabled = imp.rows.length === 0;
    previewEl.hidden = false;
    previewEl.focus();
  }

  function previewFailure(source, message) {
    preview({ unit: '行', rows: [], problems: [{ message }], badLines: 1 }, source);
  }

  function closePreview() {
    previewEl.hidden = true;
    $('ws-problems').replaceChildren();
  }

  async function accept(replace) {
    const c = await act('accept', [replace]);
    if (!c) return;
    if (c.error) {
      $('ws-preview-summary').textContent = c.error;
      return;
    }
    closePreview();
    $('ws-sheet-h').scrollIntoView({ block: 'nearest' });
  }

  $('ws-accept-append').addEventListener('click', () => accept(false));
  $('ws-accept-replace').addEventListener('click', () => accept(true));
  $('ws-cancel').addEventListener('click', () => {
    closePreview();
    act('cancelImport');
  });

  // decode reads a file as UTF-8, or as Shift_JIS when it is not valid
  // UTF-8 (CSV saved by older spreadsheet programs).
  function decode(buf) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      try { return new TextDecoder('shift_jis').decode(buf); } catch { return new TextDecoder('utf-8').decode(buf); }
    }
  }

  const fileInput = $('ws-file');
  fileInput.addEventListener('change', () => {
    const f = fileInput.files && fileInput.files[0];
    if (!f) return;
    const name = f.name;
    fileInput.value = ''; // the same file can be chosen again
    if (f.size > MAX_FILE) { previewFailure(name, 'ファイルが大きすぎます（4 MB まで）'); return; }
    f.arrayBuffer().then(async (buf) => preview(await call('importFile', name, decode(buf)), name),
      () => previewFailure(name, 'ファイルを読めませんでした'));
  });

  $('ws-paste-load').addEventListener('click', async () => {
    const text = $('ws-paste').value;
    if (!text.trim()) { status('貼り付け欄が空です'); return; }
    preview(await call('importPaste', text), '貼り付けた内容');
  });

  let templates = null; // the text of the templates file
  $('ws-template-load').addEventListener('click', async () => {
    const sel = $('ws-template');
    const title = sel.options[sel.selectedIndex] ? sel.options[sel.selectedIndex].textContent : sel.value;
    try {
      if (templates === null) {
        const r = await fetch(root.dataset.templates, { credentials: 'same-origin' });
        if (!r.ok) throw new Error('HTTP ' + r.status);
        templates = await r.text();
      }
    } catch {
      previewFailure(title, '表のデータを読み込めませんでした。ページを再読み込みしてください。');
      return;
    }
    preview(await call('importTemplate', templates, sel.value), title);
  });

  // --- export --------------------------------------------------------

  async function exportAs(kind) {
    const x = await call('export', kind);
    if (!x) return;
    if (x.error) { status(x.error); return; }
    const text = kind === 'csv' && !x.text.startsWith('\uFEFF') ? '\uFEFF' + x.text : x.text;
    download(x.file, kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json', text);
    status(x.rows + ' 行を ' + kind.toUpperCase() + ' で書き出しました');
  }
  $('ws-export-csv').addEventListener('click', () => exportAs('csv'));
  $('ws-export-json').addEventListener('click', () => exportAs('json'));

  // --- start, and other tabs -----------------------------------------

  function show() {
    usable = true;
    root.hidden = false;
    root.dataset.ready = 'true';
  }

  function blocked(c, raw) {
    usable = false;
    store.save(null);
    root.hidden = true;
    delete root.dataset.ready;
    if (c.message) showAlert(c.message);
    const stamp = new Date().toISOString().slice(0, 10);
    unreadable('ws', c, raw, store, 'worksheet-saved-data-' + stamp + '.json', async (keep) => {
      const r = await call('reset', keep);
      if (!r) return;
      alertEl.hidden = true;
      show();
      apply(r);
    });
  }

  // Another tab saved: merge its text (the engine answers in order, so this
  // never runs before open).
  store.watch(async (text) => {
    const c = await call('merge', text);
    if (!c) return;
    if (c.status === 'unreadable') { blocked(c, text); return; }
    // The answer's text, if any, replaces a text still waiting: it has it all.
    store.save(c.save === undefined ? null : c.save);
    $('ws-saved').hidden = true;
    if (!usable) show();
    if (c.view) render(c.view);
    if (c.message) status(c.message);
  });

  engine.addEventListener('exit', (e) => {
    usable = false;
    showAlert(e.detail.message);
  });

  if (!engine.supported) { showAlert(engine.messages.unsupported); return; }
  status('計算エンジンを読み込んでいます…');
  (async () => {
    const { stored, legacy } = store.read();
    if (!store.available) showAlert('このブラウザーの設定では保存領域（localStorage）を使えないため、ワークシートはページを閉じると消えます。書き出して保存してください。');
    const c = await call('open', stored, legacy);
    if (!c) return;
    status('');
    kept('ws', store);
    if (c.status === 'unreadable') {
      blocked(c, c.source === 'legacy' ? legacy : stored);
      return;
    }
    show();
    apply(c);
  })();
}
