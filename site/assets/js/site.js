// Site-wide behaviour: copy the full URL of a deep-link anchor (the "#"
// next to headings and captions) when it is clicked (the link still
// navigates, so it works without JavaScript too); copy buttons of vectors
// and code blocks; chart labels that follow their data-href; the light /
// dark / system theme switch; the header
// navigation scrolled to the current section with a cue that it scrolls;
// the side table of contents marking the section in view.
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

  // copyText writes text to the clipboard, falling back to a selected
  // textarea where the Clipboard API is unavailable (plain http).
  const copyText = (text) => {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(() => true, () => legacyCopy(text));
    }
    return Promise.resolve(legacyCopy(text));
  };
  const legacyCopy = (text) => {
    const t = document.createElement('textarea');
    t.value = text;
    t.setAttribute('readonly', '');
    t.className = 'visually-hidden';
    document.body.appendChild(t);
    t.select();
    let ok;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    t.remove();
    return ok;
  };

  document.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target : null;
    const a = el && el.closest('a.anchor');
    if (a && navigator.clipboard && window.isSecureContext) {
      const url = new URL(a.getAttribute('href'), location.href).href;
      navigator.clipboard.writeText(url).then(() => say('リンクをコピーしました'), () => {});
      return;
    }
    // Chart labels: an image holds no links, so a pointer click on a label
    // follows its data-href (the table beside the chart has the links).
    const chartLink = el && el.closest('svg [data-href]');
    if (chartLink) {
      location.href = chartLink.getAttribute('data-href');
      return;
    }
    const btn = el && el.closest('button.copy-button');
    if (!btn) return;
    let text = btn.dataset.copy;
    if (text === undefined) {
      const block = btn.closest('.code-wrap');
      const code = block && block.querySelector('pre');
      text = code ? code.textContent : '';
    }
    copyText(text).then((ok) => {
      say(ok ? 'コピーしました' : 'コピーできませんでした。選択してコピーしてください');
      if (!ok) return;
      const label = btn.textContent;
      btn.dataset.copied = '';
      btn.textContent = 'コピーしました';
      setTimeout(() => { btn.textContent = label; delete btn.dataset.copied; }, 2000);
    });
  });

  // Theme: "auto" follows the system; the choice is stored for theme.js.
  const themeKey = 'shguide.theme';
  const themeNames = { auto: '自動', light: 'ライト', dark: 'ダーク' };
  const themeButton = document.getElementById('theme-switch');
  const stored = () => {
    try {
      const t = localStorage.getItem(themeKey);
      return t === 'light' || t === 'dark' ? t : 'auto';
    } catch (e) {
      return 'auto';
    }
  };
  const applyTheme = (choice) => {
    if (choice === 'auto') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', choice);
    if (themeButton) {
      themeButton.dataset.choice = choice;
      themeButton.querySelector('.theme-label').textContent = themeNames[choice];
    }
  };
  if (themeButton) {
    applyTheme(stored());
    themeButton.hidden = false;
    themeButton.addEventListener('click', () => {
      const order = ['auto', 'light', 'dark'];
      const next = order[(order.indexOf(themeButton.dataset.choice) + 1) % order.length];
      try {
        if (next === 'auto') localStorage.removeItem(themeKey);
        else localStorage.setItem(themeKey, next);
      } catch (e) { /* not remembered, still applied */ }
      applyTheme(next);
      say('配色: ' + themeNames[next] + (next === 'auto' ? '（端末の設定に合わせます）' : ''));
    });
    window.addEventListener('storage', (e) => {
      if (e.key === themeKey || e.key === null) applyTheme(stored());
    });
  }

  // Header navigation: show the current section's tab, and fade the edge
  // the bar can still scroll towards. The bar is measured once it has been
  // laid out (a ResizeObserver reports after layout), never while the page
  // is still being built: reading its widths then would force the whole
  // page's first layout into this script.
  const nav = document.querySelector('.site-nav');
  const bar = nav && nav.querySelector('ul');
  if (bar) {
    const cue = () => {
      const max = bar.scrollWidth - bar.clientWidth;
      nav.toggleAttribute('data-more-left', bar.scrollLeft > 2);
      nav.toggleAttribute('data-more-right', max - bar.scrollLeft > 2);
    };
    let centred = false;
    const fit = () => {
      const current = !centred && bar.querySelector('[aria-current]');
      centred = true;
      if (current && bar.scrollWidth > bar.clientWidth) {
        const li = current.parentElement;
        bar.scrollLeft = li.offsetLeft - bar.offsetLeft - (bar.clientWidth - li.offsetWidth) / 2;
      }
      cue();
    };
    if ('ResizeObserver' in window) new ResizeObserver(fit).observe(bar);
    else afterLayout(fit);
    bar.addEventListener('scroll', cue, { passive: true });
    window.addEventListener('resize', cue);
  }

  // Side table of contents: mark the section being read (the last heading
  // above the upper third of the screen).
  const side = document.querySelector('.side-toc');
  if (side) {
    const links = [];
    for (const a of side.querySelectorAll('a[href^="#"]')) {
      const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      if (target) links.push([target, a]);
    }
    let queued = false;
    const mark = () => {
      queued = false;
      let current = null;
      for (const [h, a] of links) {
        if (h.getBoundingClientRect().top < window.innerHeight / 3) current = a;
      }
      for (const [, a] of links) {
        if (a === current) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
      }
    };
    window.addEventListener('scroll', () => {
      if (!queued) { queued = true; setTimeout(mark, 100); }
    }, { passive: true });
    afterLayout(mark);
  }
})();

// afterLayout runs fn once the browser has laid out and drawn the next
// frame, when measuring the page costs nothing more.
function afterLayout(fn) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

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
