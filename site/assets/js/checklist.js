// Certification self-check (/checklist/). The page lists every requirement
// with data attributes computed by the generator (site/checklist.go):
// data-levels (the levels at which it applies) and data-needs (the
// component the service must have, "" for service requirements). This
// script only filters on them, and keeps the user's statuses and notes in
// localStorage as several named assessments, with JSON export/import, CSV
// export and a printable report. User text is only ever set with
// textContent or .value, never parsed as HTML.
(() => {
  'use strict';
  const root = document.getElementById('checklist');
  if (!root) return;

  const KEY = 'shguide.checklist.v1';
  const FORMAT = 'shguide-checklist';
  const VERSION = 1;
  const MAX_NOTE = 5000;
  const MAX_FILE = 2 * 1024 * 1024;

  const $ = (id) => document.getElementById(id);
  const items = Array.from(root.querySelectorAll('.cl-item'));
  const byId = new Map(items.map((li) => [li.dataset.id, li]));
  const groups = Array.from(root.querySelectorAll('.cl-group'));
  const levelInputs = Array.from(root.querySelectorAll('input[name="cl-level"]'));
  const targetInputs = Array.from(root.querySelectorAll('input[name="cl-target"]'));
  const levelCodes = levelInputs.map((i) => Number(i.value));
  const targetCodes = targetInputs.map((i) => i.value);
  // Status codes and labels come from the page's <option>s.
  const statusLabel = new Map();
  items[0].querySelectorAll('.cl-status option').forEach((o) => statusLabel.set(o.value, o.textContent));
  const statusCodes = Array.from(statusLabel.keys()).filter((c) => c !== '');

  const sel = $('cl-select');
  const nameIn = $('cl-name');
  const serviceIn = $('cl-service');
  const dateIn = $('cl-date');
  const messages = $('cl-messages');

  // ---- storage ----------------------------------------------------------

  let memoryOnly = false;
  const read = () => {
    let raw = null;
    try {
      raw = localStorage.getItem(KEY);
    } catch (e) {
      memoryOnly = true;
    }
    if (raw) {
      try {
        const s = JSON.parse(raw);
        if (s && s.version === VERSION && Array.isArray(s.assessments)) return s;
      } catch (e) { /* fall through: start afresh, keep the old value */ }
      try { localStorage.setItem(KEY + '.unreadable', raw); } catch (e) { /* ignore */ }
    }
    return { version: VERSION, current: '', assessments: [] };
  };
  let state = read();
  const write = () => {
    if (memoryOnly) return;
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      memoryOnly = true;
      say('ブラウザに保存できませんでした。JSON で保存してください。', true);
    }
  };

  let seq = 0;
  const newId = () => 'a' + Date.now().toString(36) + (seq++).toString(36);
  const today = () => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  };
  const uniqueName = (name) => {
    const taken = new Set(state.assessments.map((a) => a.name));
    if (!taken.has(name)) return name;
    for (let i = 2; ; i++) {
      const n = `${name} (${i})`;
      if (!taken.has(n)) return n;
    }
  };
  const blank = (name) => ({
    id: newId(), name: uniqueName(name), service: '', date: today(),
    level: levelCodes[0], targets: targetCodes.slice(), items: {},
  });
  const current = () => state.assessments.find((a) => a.id === state.current);

  if (!current()) {
    if (state.assessments.length === 0) state.assessments.push(blank('評価 1'));
    state.current = state.assessments[0].id;
  }

  // ---- messages ---------------------------------------------------------

  function say(text, isError, problems) {
    messages.replaceChildren();
    messages.classList.toggle('cl-error', !!isError);
    const p = document.createElement('p');
    p.textContent = text;
    messages.append(p);
    if (problems && problems.length) {
      const ul = document.createElement('ul');
      for (const pr of problems) {
        const li = document.createElement('li');
        li.textContent = pr;
        ul.append(li);
      }
      messages.append(ul);
    }
  }

  // ---- rendering --------------------------------------------------------

  const applies = (li, a, targets) =>
    li.dataset.levels.split(' ').includes(String(a.level)) &&
    (li.dataset.needs === '' || targets.has(li.dataset.needs));

  function fillSelect() {
    sel.replaceChildren();
    for (const a of state.assessments) {
      const o = document.createElement('option');
      o.value = a.id;
      o.textContent = a.name;
      sel.append(o);
    }
    sel.value = state.current;
  }

  function render() {
    const a = current();
    fillSelect();
    nameIn.value = a.name;
    serviceIn.value = a.service;
    dateIn.value = a.date;
    levelInputs.forEach((i) => { i.checked = Number(i.value) === a.level; });
    targetInputs.forEach((i) => { i.checked = a.targets.includes(i.value); });
    for (const li of items) {
      const rec = a.items[li.dataset.id] || { status: '', note: '' };
      li.querySelector('.cl-status').value = rec.status;
      li.querySelector('.cl-note').value = rec.note;
      mirror(li, rec);
    }
    filter();
  }

  // mirror shows an item's status and note as text (the printed report).
  function mirror(li, rec) {
    if (rec.status) li.dataset.status = rec.status;
    else delete li.dataset.status;
    const out = li.querySelector('.cl-report-status');
    const label = rec.status ? statusLabel.get(rec.status) : '未選択';
    out.textContent = rec.note ? `${label}: ${rec.note}` : label;
  }

  function filter() {
    const a = current();
    const targets = new Set(a.targets);
    for (const li of items) li.hidden = !applies(li, a, targets);
    for (const g of groups) {
      g.hidden = !g.querySelector('.cl-item:not([hidden])');
    }
    progress();
    reportHead();
  }

  const countsOf = (lis) => {
    const c = { all: 0, done: 0, partial: 0, todo: 0, na: 0, none: 0 };
    for (const li of lis) {
      if (li.hidden) continue;
      c.all++;
      c[li.dataset.status || 'none']++;
    }
    return c;
  };
  function showProgress(box, c) {
    const bar = box.querySelector('progress');
    const due = c.all - c.na;
    bar.max = Math.max(due, 1);
    bar.value = due ? c.done : 0;
    const pct = due ? Math.round((c.done / due) * 100) : 0;
    box.querySelector('.cl-count').textContent =
      `対応済 ${c.done} / ${due} 項目（${pct}%）・一部対応 ${c.partial}・未対応 ${c.todo}・未選択 ${c.none}・対象外 ${c.na}`;
    box.dataset.done = String(c.done);
    box.dataset.due = String(due);
  }
  function progress() {
    for (const g of groups) {
      const box = g.querySelector('.cl-progress');
      box.hidden = false;
      showProgress(box, countsOf(g.querySelectorAll('.cl-item')));
    }
    showProgress(root.querySelector('.cl-progress[data-group="all"]'), countsOf(items));
  }

  const levelLabel = (level) => {
    const i = levelInputs.find((x) => Number(x.value) === level);
    return i ? i.parentElement.textContent.trim().replace(/\s+/g, ' ') : String(level);
  };
  const targetLabel = (code) => {
    const i = targetInputs.find((x) => x.value === code);
    return i ? i.parentElement.textContent.trim().replace(/\s+/g, ' ') : code;
  };

  function reportHead() {
    const a = current();
    $('cl-r-service').textContent = a.service || '（未記入）';
    $('cl-r-name').textContent = a.name;
    $('cl-r-level').textContent = levelLabel(a.level);
    $('cl-r-targets').textContent = a.targets.length ? a.targets.map(targetLabel).join('、') : 'なし（サービス要件のみ）';
    $('cl-r-date').textContent = a.date || '（未記入）';
  }

  // ---- editing ----------------------------------------------------------

  const touch = () => {
    current().updated = new Date().toISOString();
    write();
  };

  let noteTimer = 0;
  root.addEventListener('change', (e) => {
    const t = e.target;
    const a = current();
    if (t.classList.contains('cl-status')) {
      const li = t.closest('.cl-item');
      const rec = a.items[li.dataset.id] || { status: '', note: '' };
      rec.status = t.value;
      a.items[li.dataset.id] = rec;
      mirror(li, rec);
      progress();
      touch();
    } else if (t.name === 'cl-level') {
      a.level = Number(t.value);
      filter();
      touch();
    } else if (t.name === 'cl-target') {
      a.targets = targetInputs.filter((i) => i.checked).map((i) => i.value);
      filter();
      touch();
    } else if (t === sel) {
      state.current = sel.value;
      write();
      render();
      say(`「${current().name}」を表示しています。`);
    } else if (t.id === 'cl-import') {
      importFile(t);
    }
  });
  root.addEventListener('input', (e) => {
    const t = e.target;
    const a = current();
    if (t.classList.contains('cl-note')) {
      const li = t.closest('.cl-item');
      const rec = a.items[li.dataset.id] || { status: '', note: '' };
      rec.note = t.value.slice(0, MAX_NOTE);
      a.items[li.dataset.id] = rec;
      mirror(li, rec);
      clearTimeout(noteTimer);
      noteTimer = setTimeout(touch, 250);
    } else if (t === nameIn) {
      const n = nameIn.value.trim();
      if (n) {
        a.name = n.slice(0, 100);
        sel.selectedOptions[0].textContent = a.name;
        reportHead();
        touch();
      }
    } else if (t === serviceIn) {
      a.service = serviceIn.value.slice(0, 200);
      reportHead();
      touch();
    } else if (t === dateIn) {
      a.date = dateIn.value;
      reportHead();
      touch();
    }
  });
  // Flush a pending note before the page goes away.
  window.addEventListener('pagehide', () => {
    if (noteTimer) { clearTimeout(noteTimer); touch(); }
  });

  $('cl-new').addEventListener('click', () => {
    const a = blank('評価 ' + (state.assessments.length + 1));
    state.assessments.push(a);
    state.current = a.id;
    write();
    render();
    nameIn.focus();
    nameIn.select();
    say(`新しい評価「${a.name}」を作りました。`);
  });

  const del = $('cl-delete');
  let armTimer = 0;
  const disarm = () => {
    delete del.dataset.armed;
    del.textContent = del.dataset.label;
  };
  del.addEventListener('click', () => {
    if (!del.dataset.armed) {
      del.dataset.armed = '1';
      del.textContent = del.dataset.armedLabel;
      clearTimeout(armTimer);
      armTimer = setTimeout(disarm, 5000);
      return;
    }
    clearTimeout(armTimer);
    disarm();
    const gone = current();
    state.assessments = state.assessments.filter((a) => a !== gone);
    if (state.assessments.length === 0) state.assessments.push(blank('評価 1'));
    state.current = state.assessments[0].id;
    write();
    render();
    say(`「${gone.name}」を削除しました。`);
  });

  // ---- export -----------------------------------------------------------

  const fileStem = (a) => {
    const base = (a.service || a.name).replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'checklist';
    return `checklist-${base}-${a.date || today()}`;
  };
  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // exportJSON is the file format import reads back.
  function exportJSON(a) {
    const out = [];
    for (const li of items) {
      const rec = a.items[li.dataset.id];
      if (rec && (rec.status || rec.note)) out.push({ id: li.dataset.id, status: rec.status, note: rec.note });
    }
    return JSON.stringify({
      format: FORMAT, version: VERSION, name: a.name, service: a.service, date: a.date,
      level: a.level, targets: a.targets, items: out, exported: new Date().toISOString(),
    }, null, 2) + '\n';
  }

  // A cell starting with = + - @ (or a tab/CR) is prefixed with ' so that
  // spreadsheets do not run it as a formula.
  const csvCell = (v) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  function exportCSV(a) {
    const rows = [['ID', 'レベル', '対象', '項目', '状態', 'メモ・根拠']];
    for (const li of items) {
      if (li.hidden) continue;
      const rec = a.items[li.dataset.id] || { status: '', note: '' };
      const g = li.closest('.cl-group');
      rows.push([li.dataset.id, li.querySelector('.stars').textContent, g.dataset.targetName, li.dataset.title,
        rec.status ? statusLabel.get(rec.status) : '未選択', rec.note]);
    }
    // BOM: spreadsheet programs then read the file as UTF-8.
    return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  $('cl-export-json').addEventListener('click', () => {
    const a = current();
    download(fileStem(a) + '.json', 'application/json', exportJSON(a));
    say('JSON を書き出しました。「JSON を読み込む」で元に戻せます。');
  });
  $('cl-export-csv').addEventListener('click', () => {
    const a = current();
    download(fileStem(a) + '.csv', 'text/csv;charset=utf-8', exportCSV(a));
    say('対象の項目を CSV で書き出しました。');
  });
  $('cl-print').addEventListener('click', () => {
    reportHead();
    window.print();
  });
  window.addEventListener('beforeprint', reportHead);

  // ---- import -----------------------------------------------------------

  // validate checks an imported value and returns [assessment, problems].
  // Problems name the item they are about; any problem rejects the file.
  function validate(v) {
    const problems = [];
    if (!v || typeof v !== 'object' || Array.isArray(v)) return [null, ['ファイルの中身が JSON オブジェクトではありません。']];
    if (v.format !== FORMAT) problems.push(`format が "${FORMAT}" ではありません（このサイトのチェックリストの JSON ではないようです）。`);
    if (v.version !== VERSION) problems.push(`version ${JSON.stringify(v.version)} には対応していません（${VERSION} のみ）。`);
    const str = (key, max, required) => {
      const x = v[key];
      if (x === undefined && !required) return '';
      if (typeof x !== 'string') { problems.push(`${key}: 文字列ではありません。`); return ''; }
      if (x.length > max) problems.push(`${key}: ${max} 文字を超えています。`);
      if (required && !x.trim()) problems.push(`${key}: 空です。`);
      return x;
    };
    const name = str('name', 100, true).trim();
    const service = str('service', 200, false);
    const date = str('date', 10, false);
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push(`date: "${date}" は YYYY-MM-DD の形ではありません。`);
    if (!levelCodes.includes(v.level)) problems.push(`level: ${JSON.stringify(v.level)} は ${levelCodes.join(' か ')} ではありません。`);
    let targets = [];
    if (!Array.isArray(v.targets)) {
      problems.push('targets: 配列ではありません。');
    } else {
      const seen = new Set();
      v.targets.forEach((t, i) => {
        if (!targetCodes.includes(t)) problems.push(`targets[${i}]: ${JSON.stringify(t)} は構成要素（${targetCodes.join('、')}）ではありません。`);
        else if (seen.has(t)) problems.push(`targets[${i}]: ${t} が重複しています。`);
        seen.add(t);
      });
      targets = targetCodes.filter((t) => seen.has(t));
    }
    const recs = {};
    if (!Array.isArray(v.items)) {
      problems.push('items: 配列ではありません。');
    } else {
      v.items.forEach((it, i) => {
        const where = it && typeof it.id === 'string' ? it.id : `items[${i}]`;
        if (!it || typeof it !== 'object' || Array.isArray(it)) { problems.push(`${where}: オブジェクトではありません。`); return; }
        if (typeof it.id !== 'string' || !byId.has(it.id)) { problems.push(`${where}: 要件・要求事項の ID ${JSON.stringify(it.id)} はありません。`); return; }
        if (recs[it.id]) { problems.push(`${where}: 2 回出てきます。`); return; }
        const status = it.status === undefined ? '' : it.status;
        if (status !== '' && !statusCodes.includes(status)) {
          problems.push(`${where}: 状態 ${JSON.stringify(status)} は ${statusCodes.map((c) => `${c}（${statusLabel.get(c)}）`).join('、')} のどれでもありません。`);
        }
        const note = it.note === undefined ? '' : it.note;
        if (typeof note !== 'string') problems.push(`${where}: note が文字列ではありません。`);
        else if (note.length > MAX_NOTE) problems.push(`${where}: note が ${MAX_NOTE} 文字を超えています。`);
        recs[it.id] = { status: String(status), note: String(note) };
      });
    }
    if (problems.length) return [null, problems];
    return [{ id: newId(), name: uniqueName(name), service, date, level: v.level, targets, items: recs }, []];
  }

  function importFile(input) {
    const f = input.files && input.files[0];
    input.value = '';
    if (!f) return;
    const reject = (problems) => say(`「${f.name}」は読み込みませんでした。記録は変更していません（問題 ${problems.length} 件）。`, true, problems);
    if (f.size > MAX_FILE) { reject([`ファイルが大きすぎます（${MAX_FILE / 1024 / 1024} MB まで）。`]); return; }
    f.text().then((text) => {
      let v;
      try {
        v = JSON.parse(text);
      } catch (e) {
        reject([`JSON として読めません: ${e.message}`]);
        return;
      }
      const [a, problems] = validate(v);
      if (!a) { reject(problems); return; }
      state.assessments.push(a);
      state.current = a.id;
      write();
      render();
      say(`「${f.name}」を評価「${a.name}」として読み込みました（記録 ${Object.keys(a.items).length} 項目）。`);
    }, () => reject(['ファイルを読めませんでした。']));
  }

  // ---- start ------------------------------------------------------------

  $('cl-nojs').hidden = true;
  $('cl-setup').hidden = false;
  $('cl-summary').hidden = false;
  root.querySelectorAll('.cl-controls').forEach((c) => { c.hidden = false; });
  write();
  render();
  if (memoryOnly) say('このブラウザでは記録を保存できません（localStorage が使えません）。JSON で保存してください。', true);
})();
