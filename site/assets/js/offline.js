// offline.js — the 「オフラインで使えるように保存」 control (#offline-save,
// #offline-remove) of the home and about pages. The service worker
// (sw.js) does the work: this script asks it to save or remove the site
// and shows its progress, which reaches every open tab.
(() => {
  'use strict';
  const saveButton = document.getElementById('offline-save');
  const removeButton = document.getElementById('offline-remove');
  const box = saveButton && saveButton.closest('.offline-control');
  if (!box || !removeButton) return;
  const bar = box.querySelector('.offline-progress');
  const status = box.querySelector('.offline-status');
  const sw = navigator.serviceWorker;

  const MSG = {
    unsupported: 'このブラウザー（またはプライベートブラウズ）ではオフライン保存を利用できません。',
    waiting: '準備しています…',
    saving: (p, done, total, count, files) => '保存しています… ' + p + '%（' + mb(done) + ' / ' + mb(total) + '、' + count + ' / ' + files + ' ファイル）',
    saved: (s) => 'オフライン保存済みです（' + mb(s.bytes) + '、' + s.files + ' ファイル' + (s.at ? '、' + when(s.at) : '') + '）。接続がなくても、すべてのページ・検索・計算機が使えます。',
    removing: '削除しています…',
    removed: 'オフライン保存を削除しました。',
    stalled: '保存が止まりました。接続を確認して、もう一度お試しください。',
    noWorker: 'オフライン保存の準備ができませんでした。ページを再読み込みしてから、もう一度お試しください。',
  };

  function mb(n) {
    return (n / 1e6).toFixed(1) + ' MB';
  }

  function when(iso) {
    const d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleString('ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
  }

  function say(text) {
    status.textContent = text;
  }

  function show(saved) {
    saveButton.hidden = saved;
    saveButton.disabled = false;
    removeButton.hidden = !saved;
    removeButton.disabled = false;
    bar.hidden = true;
  }

  if (!sw || typeof caches === 'undefined') {
    saveButton.disabled = true;
    say(MSG.unsupported);
    return;
  }

  // active resolves with the active service worker (site.js registers it).
  function active() {
    return Promise.race([
      sw.ready.then((reg) => reg.active),
      new Promise((resolve) => setTimeout(() => resolve(null), 15000)),
    ]);
  }

  function send(type) {
    return active().then((w) => {
      if (!w) throw new Error('no service worker');
      w.postMessage({ type });
    });
  }

  // A save that stops reporting progress (the worker was stopped, the
  // connection hangs) is reported rather than shown as running forever.
  let stallTimer = 0;
  function watchStall() {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      show(false);
      say(MSG.stalled);
    }, 60000);
  }

  let lastSaid = -1;
  sw.addEventListener('message', (e) => {
    const m = e.data || {};
    switch (m.type) {
      case 'offline-status':
        show(m.saved);
        if (m.saved) say(MSG.saved(m));
        break;
      case 'offline-progress': {
        watchStall();
        saveButton.disabled = true;
        removeButton.hidden = true;
        bar.hidden = false;
        bar.max = m.total || 1;
        bar.value = m.done;
        // The status is read out: every ten per cent is enough.
        const p = Math.floor((100 * m.done) / (m.total || 1));
        if (Math.floor(p / 10) !== Math.floor(lastSaid / 10)) {
          lastSaid = p;
          say(MSG.saving(p, m.done, m.total, m.count, m.files));
        }
        break;
      }
      case 'offline-saved':
        clearTimeout(stallTimer);
        show(true);
        say(MSG.saved(m));
        break;
      case 'offline-failed':
        clearTimeout(stallTimer);
        show(false);
        say(m.message);
        break;
      case 'offline-removed':
        show(false);
        say(MSG.removed);
        break;
    }
  });
  sw.startMessages();

  saveButton.addEventListener('click', () => {
    saveButton.disabled = true;
    lastSaid = -1;
    say(MSG.waiting);
    // Ask the browser not to evict the saved site under storage pressure.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    watchStall();
    send('save').catch(() => {
      clearTimeout(stallTimer);
      show(false);
      say(MSG.noWorker);
    });
  });

  removeButton.addEventListener('click', () => {
    removeButton.disabled = true;
    say(MSG.removing);
    send('remove').catch(() => {
      show(true);
      say(MSG.noWorker);
    });
  });

  send('status').catch(() => {});
})();
