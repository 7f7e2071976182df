// Site-wide behaviour: copy the full URL of a deep-link anchor (the "#"
// next to headings and captions) when it is clicked; the link still
// navigates, so it works without JavaScript too.
(() => {
  'use strict';
  const toast = document.querySelector('.toast');
  let timer = 0;
  const say = (msg) => {
    if (!toast) return;
    toast.textContent = msg;
    toast.classList.add('show');
    clearTimeout(timer);
    timer = setTimeout(() => {
      toast.classList.remove('show');
      toast.textContent = '';
    }, 2000);
  };
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a.anchor') : null;
    if (!a || !navigator.clipboard || !window.isSecureContext) return;
    const url = new URL(a.getAttribute('href'), location.href).href;
    navigator.clipboard.writeText(url).then(() => say('リンクをコピーしました'), () => {});
  });
})();

// The service worker (sw.js at the base: offline reading, cache-first
// assets), the 「新しい版があります」 prompt when a new version of the site
// is waiting, and the offline indicator.
(() => {
  'use strict';
  const root = document.documentElement;
  const base = root.getAttribute('data-base') || '/';

  // The offline indicator, in the header while the browser is offline.
  let badge = null;
  const showOffline = (offline) => {
    if (offline && !badge) {
      badge = document.createElement('p');
      badge.className = 'offline-badge';
      badge.setAttribute('role', 'status');
      badge.textContent = 'オフライン';
      badge.title = 'オフラインです。保存済みのページ・検索・計算機が使えます。';
      const bar = document.querySelector('.header-bar') || document.body;
      bar.append(badge);
    } else if (!offline && badge) {
      badge.remove();
      badge = null;
    }
    root.classList.toggle('is-offline', offline);
  };
  window.addEventListener('online', () => showOffline(false));
  window.addEventListener('offline', () => showOffline(true));
  if (navigator.onLine === false) showOffline(true);

  // The offline page (served in place of a page that was never saved)
  // names the page asked for and offers to retry.
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('[data-reload]') : null;
    if (b) location.reload();
  });
  const asked = document.querySelector('.offline-requested');
  if (asked && location.pathname !== base + 'offline/') {
    asked.querySelector('.offline-url').textContent = decodeURI(location.pathname);
    asked.hidden = false;
  }

  const sw = navigator.serviceWorker;
  if (!sw) return;
  let banner = null;
  let reloading = false;
  let asking = false;
  // prompt offers to reload: a waiting version of reg takes over first.
  const prompt = (reg) => {
    if (banner) return;
    banner = document.createElement('div');
    banner.className = 'update-banner';
    banner.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = '新しい版があります。';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = '再読み込み';
    button.addEventListener('click', () => {
      button.disabled = true;
      asking = true;
      const waiting = reg && reg.waiting;
      if (waiting) waiting.postMessage({ type: 'skip-waiting' });
      else location.reload();
    });
    banner.append(text, button);
    document.body.append(banner);
  };
  // A new version took over (this tab asked, or another tab did): reload
  // when asked, else offer to.
  let hadController = !!sw.controller;
  sw.addEventListener('controllerchange', () => {
    if (asking && !reloading) {
      reloading = true;
      location.reload();
    } else if (hadController) {
      prompt(null);
    }
    hadController = true;
  });
  sw.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'offline-fallback') showOffline(true);
  });
  const watch = (reg) => {
    const waiting = () => {
      if (reg.waiting && sw.controller) prompt(reg);
    };
    waiting();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') waiting(); });
    });
    // A tab left open looks for a new version when it is shown again.
    let checked = Date.now();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && Date.now() - checked > 30 * 60 * 1000) {
        checked = Date.now();
        reg.update().catch(() => {});
      }
    });
  };
  // On a first visit the page loads before the worker runs: hand it what
  // the page loaded, so that the next visit finds it saved.
  // The engine's worker scripts load inside the worker, out of this
  // page's resource timing: they are kept with the module.
  const keep = () => {
    sw.ready.then((reg) => {
      if (!reg.active) return;
      const urls = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/assets/'));
      const wasm = root.getAttribute('data-wasm');
      if (wasm && urls.some((u) => u.endsWith(wasm))) {
        for (const attr of ['data-engine-worker', 'data-wasm-exec']) {
          const u = root.getAttribute(attr);
          if (u) urls.push(u);
        }
      }
      if (urls.length) reg.active.postMessage({ type: 'keep', urls });
    });
  };
  const register = () => {
    const first = !sw.controller;
    sw.register(base + 'sw.js', { scope: base, updateViaCache: 'none' }).then((reg) => {
      watch(reg);
      if (first) keep();
    }, () => {});
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
})();
