// checklist.js — the certification self-check (/checklist/). The rules
// (which items apply), the statuses and notes of several named
// assessments, their saved data and versions, merging other tabs' edits,
// the progress, JSON import checks and the JSON and CSV exports are the Go
// engine's (package checklist, reached in a Web Worker through
// engine.js), over the catalogue the page embeds (#cl-catalogue). This
// script renders what the engine answers and passes on what the user does;
// saved.js moves the saved text. User text is only ever set with
// textContent or value, never parsed as HTML.
import { engine } from './engine.js';
import { Store, download, kept, unreadable } from './saved.js';

const root = document.getElementById('checklist');
if (root) {
  if (engine.supported) engine.start().catch(() => {});
  main();
}

function main() {
  const $ = (id) => document.getElementById(id);
  const items = Array.from(root.querySelectorAll('.cl-item'));
  const groups = Array.from(root.querySelectorAll('.cl-group'));
  const levelInputs = Array.from(root.querySelectorAll('input[name="cl-level"]'));
  const targetInputs = Array.from(root.querySelectorAll('input[name="cl-target"]'));
  const statusLabel = new Map();
  items[0].querySelectorAll('.cl-status option').forEach((o) => statusLabel.set(o.value, o.textContent));

  const setup = $('cl-setup');
  const sel = $('cl-select');
  const nameIn = $('cl-name');
  const serviceIn = $('cl-service');
  const dateIn = $('cl-date');
  const messages = $('cl-messages');
  const store = new Store(setup.dataset.storageKey, setup.dataset.legacyKey);
  let view = null;
  let usable = false;

  store.onError = () => say('ブラウザに保存できませんでした（保存領域の不足など）。JSON で保存してください。', true);

  // say shows a message, with a list of problems or an undo button.
  function say(text, isError, problems, undo) {
    messages.replaceChildren();
    messages.classList.toggle('cl-error', !!isError);
    const p = document.createElement('p');
    p.textContent = text;
    if (undo) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = '元に戻す';
      b.addEventListener('click', () => act('undo', [undo]));
      p.append(' ', b);
    }
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

  // call runs a checklist function of the engine → its value, or null
  // after saying why it could not run. While answers are awaited the
  // checklist carries data-busy.
  let inflight = 0;
  async function call(name, ...args) {
    inflight++;
    root.dataset.busy = 'true';
    const res = await engine.call('checklist', name, ...args);
    if (--inflight === 0) delete root.dataset.busy;
    if (!res.ok) {
      say(res.error.message, true);
      return null;
    }
    return res.value;
  }

  function apply(c, typing) {
    if (!c) return c;
    if (c.save !== undefined) store.save(c.save, typing ? 400 : 0);
    if (c.view) render(c.view);
    if (c.error) say(c.error, true, c.problems);
    else if (c.message) say(c.message, false, null, c.undo);
    if (c.focus === 'name') { nameIn.focus(); nameIn.select(); }
    return c;
  }

  async function act(name, args, typing) {
    if (!usable) return null;
    return apply(await call(name, ...(args || [])), typing);
  }

  // --- rendering -------------------------------------------------------

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

  const labelOf = (input) => input.parentElement.textContent.trim().replace(/\s+/g, ' ');

  function render(v) {
    // Another assessment: its fields replace whatever the fields held.
    const set = !view || view.current !== v.current ? shown : setValue;
    view = v;
    sel.replaceChildren(...v.list.map((a) => {
      const o = document.createElement('option');
      o.value = a.id;
      o.textContent = a.name;
      return o;
    }));
    sel.value = v.current;
    set(nameIn, v.name);
    set(serviceIn, v.service);
    set(dateIn, v.date);
    levelInputs.forEach((i) => { i.checked = Number(i.value) === v.level; });
    targetInputs.forEach((i) => { i.checked = v.targets.includes(i.value); });
    const applies = new Set(v.applies);
    for (const li of items) {
      const rec = v.records[li.dataset.id] || { status: '', note: '' };
      li.hidden = !applies.has(li.dataset.id);
      set(li.querySelector('.cl-status'), rec.status);
      set(li.querySelector('.cl-note'), rec.note);
      if (rec.status) li.dataset.status = rec.status;
      else delete li.dataset.status;
      const label = statusLabel.get(rec.status) || '未選択';
      li.querySelector('.cl-report-status').textContent = rec.note ? label + ': ' + rec.note : label;
    }
    for (const g of groups) {
      const p = v.progress.groups[g.dataset.target];
      g.hidden = !p || p.all === 0;
      const box = g.querySelector('.cl-progress');
      box.hidden = false;
      if (p) progress(box, p);
    }
    progress(root.querySelector('.cl-progress[data-group="all"]'), v.progress.all);
    $('cl-r-service').textContent = v.service || '（未記入）';
    $('cl-r-name').textContent = v.name;
    const level = levelInputs.find((i) => Number(i.value) === v.level);
    $('cl-r-level').textContent = level ? labelOf(level) : String(v.level);
    $('cl-r-targets').textContent = v.targets.length
      ? v.targets.map((c) => { const i = targetInputs.find((x) => x.value === c); return i ? labelOf(i) : c; }).join('、')
      : 'なし（サービス要件のみ）';
    $('cl-r-date').textContent = v.date || '（未記入）';
  }

  function progress(box, p) {
    const bar = box.querySelector('progress');
    bar.max = Math.max(p.due, 1);
    bar.value = p.due ? p.done : 0;
    box.querySelector('.cl-count').textContent = p.text;
    box.dataset.done = String(p.done);
    box.dataset.due = String(p.due);
  }

  // --- editing ---------------------------------------------------------

  const itemOf = (t) => t.closest('.cl-item');

  // taken marks a field's value as the engine's once it has answered.
  const taken = (t) => (c) => {
    if (c && !c.error && document.activeElement !== t) t.dataset.shown = t.value;
    return c;
  };

  root.addEventListener('change', (e) => {
    const t = e.target;
    if (t.classList.contains('cl-status')) {
      act('setItem', [itemOf(t).dataset.id, 'status', t.value]).then(taken(t));
    } else if (t.classList.contains('cl-note')) {
      act('setItem', [itemOf(t).dataset.id, 'note', t.value]).then(taken(t));
    } else if (t.name === 'cl-level') {
      act('setLevel', [Number(t.value)]);
    } else if (t.name === 'cl-target') {
      act('setTargets', [targetInputs.filter((i) => i.checked).map((i) => i.value)]);
    } else if (t === sel) {
      act('select', [sel.value]);
    } else if (t === nameIn) {
      act('setText', ['name', nameIn.value]).then((c) => { if (c && view && document.activeElement !== nameIn) shown(nameIn, view.name); });
    } else if (t === serviceIn) {
      act('setText', ['service', serviceIn.value]).then((c) => { if (c && view && document.activeElement !== serviceIn) shown(serviceIn, view.service); });
    } else if (t === dateIn) {
      act('setText', ['date', dateIn.value]).then((c) => { if (c && view) shown(dateIn, view.date); });
    } else if (t.id === 'cl-import') {
      importFile(t);
    }
  });
  root.addEventListener('input', (e) => {
    const t = e.target;
    if (t.classList.contains('cl-note')) {
      act('setItem', [itemOf(t).dataset.id, 'note', t.value], true);
    } else if (t === nameIn && nameIn.value.trim()) {
      act('setText', ['name', nameIn.value], true);
    } else if (t === serviceIn) {
      act('setText', ['service', serviceIn.value], true);
    }
  });

  $('cl-new').addEventListener('click', () => act('new'));
  $('cl-duplicate').addEventListener('click', () => act('duplicate'));
  $('cl-delete').addEventListener('click', () => act('delete'));

  // --- export and import -----------------------------------------------

  async function exportAs(name, type, done) {
    const x = await call(name);
    if (!x) return;
    if (x.error) { say(x.error, true); return; }
    const text = type.startsWith('text/csv') && !x.text.startsWith('\uFEFF') ? '\uFEFF' + x.text : x.text;
    download(x.file, type, text);
    say(done);
  }
  $('cl-export-json').addEventListener('click', () => exportAs('exportJSON', 'application/json', 'JSON を書き出しました。「JSON を読み込む」で元に戻せます。'));
  $('cl-export-csv').addEventListener('click', () => exportAs('exportCSV', 'text/csv;charset=utf-8', '対象の項目を CSV で書き出しました。'));
  $('cl-print').addEventListener('click', () => window.print());

  function importFile(input) {
    const f = input.files && input.files[0];
    input.value = '';
    if (!f) return;
    if (f.size > 2 * 1024 * 1024) {
      say('「' + f.name + '」は読み込みませんでした。記録は変更していません（問題 1 件）。', true, ['ファイルが大きすぎます（2 MB まで）。']);
      return;
    }
    f.text().then((text) => act('importJSON', [f.name, text]),
      () => say('「' + f.name + '」は読み込みませんでした。記録は変更していません（問題 1 件）。', true, ['ファイルを読めませんでした。']));
  }

  // --- start, and other tabs -------------------------------------------

  function show() {
    usable = true;
    $('cl-nojs').hidden = true;
    setup.hidden = false;
    $('cl-summary').hidden = false;
    root.querySelectorAll('.cl-controls').forEach((c) => { c.hidden = false; });
    root.dataset.ready = 'true';
  }

  function blocked(c, raw) {
    usable = false;
    store.save(null);
    setup.hidden = true;
    root.querySelectorAll('.cl-controls').forEach((x) => { x.hidden = true; });
    delete root.dataset.ready;
    const stamp = new Date().toISOString().slice(0, 10);
    unreadable('cl', c, raw, store, 'checklist-saved-data-' + stamp + '.json', async (keep) => {
      const r = await call('reset', keep);
      if (!r) return;
      show();
      apply(r);
    });
  }

  // Another tab saved: merge its text (answered after open, in order).
  store.watch(async (text) => {
    const c = await call('merge', text);
    if (!c) return;
    if (c.status === 'unreadable') { blocked(c, text); return; }
    store.save(c.save === undefined ? null : c.save);
    $('cl-saved').hidden = true;
    if (!usable) show();
    if (c.view) render(c.view);
    if (c.message) say(c.message);
  });

  engine.addEventListener('exit', (e) => {
    usable = false;
    say(e.detail.message, true);
  });

  if (!engine.supported) {
    say(engine.messages.unsupported, true);
    return;
  }
  // The list shows at once; recording waits for the engine.
  $('cl-nojs').textContent = '記録の機能を読み込んでいます…';
  (async () => {
    const { stored, legacy } = store.read();
    const c = await call('open', $('cl-catalogue').textContent, stored, legacy);
    if (!c) {
      setup.hidden = false;
      $('cl-nojs').hidden = true;
      return;
    }
    kept('cl', store);
    if (c.status === 'unreadable') {
      blocked(c, c.source === 'legacy' ? legacy : stored);
      return;
    }
    show();
    apply(c);
    if (!store.available) say('このブラウザでは記録を保存できません（localStorage が使えません）。JSON で保存してください。', true);
  })();
}
