// saved.js — what the worksheet and the checklist share around their saved
// data: localStorage (which the engine, in a worker, cannot reach), the
// storage event that brings other tabs' writes, the panel for saved data
// that cannot be read, and downloads. What is saved, how it is read,
// merged and checked is the engine's business (package store and the
// tools' sessions); this module only moves text.

// download offers text as a file.
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.className = 'visually-hidden';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Store is one tool's saved text under key (and the key of its previous
// version, read only when there is no saved text).
export class Store {
  constructor(key, legacyKey) {
    this.key = key;
    this.legacyKey = legacyKey;
    this.available = true;
    this.pending = null; // text waiting for the timer
    this.timer = 0;
    this.onError = () => {};
    const flush = () => this.flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  }

  // read returns {stored, legacy}: the texts, null when absent. Without
  // localStorage (a privacy setting) both are null and available is false.
  read() {
    try {
      const stored = localStorage.getItem(this.key);
      const legacy = stored === null && this.legacyKey ? localStorage.getItem(this.legacyKey) : null;
      return { stored, legacy };
    } catch {
      this.available = false;
      return { stored: null, legacy: null };
    }
  }

  // save writes text now, or after delay ms (typing), replacing a text
  // still waiting. null drops a waiting text (it is out of date).
  save(text, delay) {
    clearTimeout(this.timer);
    this.timer = 0;
    this.pending = text;
    if (text === null) return;
    if (delay) {
      this.timer = setTimeout(() => this.flush(), delay);
    } else {
      this.flush();
    }
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    const text = this.pending;
    this.pending = null;
    if (text === null || !this.available) return;
    try {
      localStorage.setItem(this.key, text);
    } catch (err) {
      this.onError(err);
    }
  }

  // keep copies text under a key of its own (best effort: storage may be
  // full), so that starting afresh never removes the only copy.
  keep(text) {
    try {
      localStorage.setItem(this.key + '.unreadable.' + new Date().toISOString(), text);
    } catch { /* the user downloaded it */ }
  }

  // copies lists the kept copies of saved data that could not be read:
  // this site's ({key}.unreadable.{time}) and those of its first version
  // ({legacy}.unreadable, {legacy}.backup), as [key, text].
  copies() {
    const out = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k.startsWith(this.key + '.unreadable.') || (this.legacyKey && (k === this.legacyKey + '.unreadable' || k === this.legacyKey + '.backup'))) {
          out.push([k, localStorage.getItem(k)]);
        }
      }
    } catch { /* no storage: no copies */ }
    return out.sort();
  }

  // watch calls f with the text another tab saved under the key.
  watch(f) {
    window.addEventListener('storage', (e) => {
      if (e.storageArea === localStorage && e.key === this.key && typeof e.newValue === 'string') f(e.newValue);
    });
  }
}

// unreadable shows the panel (id prefix-saved, its parts prefix-saved-*)
// for a saved text raw that the engine could not read (change: its
// answer), and calls choose(keep) once the user has downloaded the text
// and picked how to start again: with what could be read (keep) or
// afresh. Until then nothing is written.
export function unreadable(prefix, change, raw, store, fileName, choose) {
  const $ = (id) => document.getElementById(prefix + '-saved-' + id);
  const section = document.getElementById(prefix + '-saved');
  section.hidden = false;
  $('message').textContent = change.headline;
  $('problems').replaceChildren(...(change.unreadable.problems || []).map((p) => {
    const li = document.createElement('li');
    li.textContent = p.message;
    return li;
  }));
  const keep = $('keep');
  const fresh = $('fresh');
  const status = $('status');
  if (!keep.dataset.label) keep.dataset.label = keep.textContent;
  keep.textContent = keep.dataset.label + '（' + change.salvage + ' 件）';
  keep.hidden = !(change.salvage > 0);
  keep.disabled = true;
  fresh.disabled = true;
  status.textContent = '';
  $('download').onclick = () => {
    download(fileName, 'application/json', raw);
    store.keep(raw);
    kept(prefix, store);
    keep.disabled = false;
    fresh.disabled = false;
    status.textContent = '保存データをダウンロードしました。読めた部分から、または新しく始められます。';
  };
  const done = (k) => () => {
    section.hidden = true;
    choose(k);
  };
  keep.onclick = done(true);
  fresh.onclick = done(false);
  section.focus();
}

// kept lists the copies of unreadable saved data the browser still holds
// (store.copies) in the element prefix-kept, each with a download button,
// so that a copy is never out of the user's reach.
export function kept(prefix, store) {
  const box = document.getElementById(prefix + '-kept');
  const list = store.copies();
  box.hidden = list.length === 0;
  if (!list.length) return;
  const p = document.createElement('p');
  p.textContent = '以前に読み込めなかった保存データのコピーが、このブラウザーに ' + list.length + ' 件残っています。';
  const ul = document.createElement('ul');
  for (const [k, text] of list) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button';
    b.textContent = 'ダウンロード';
    b.addEventListener('click', () => download(k.replace(/[^A-Za-z0-9.-]+/g, '_') + '.json', 'application/json', text));
    li.append(k + '（' + text.length + ' 文字） ', b);
    ul.append(li);
  }
  box.replaceChildren(p, ul);
}
