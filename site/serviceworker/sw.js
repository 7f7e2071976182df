// sw.js — the site's service worker. The build (site/offline.go) writes it
// to <base>sw.js, an unhashed URL whose scope is the whole site, and puts
// `'use strict'; const VERSION = "…";` in front of this file: the version names the list
// of files (offline.json), so any change to the site changes this script
// and the browser installs the new version beside the old one.
//
// Requests:
//   assets/…   content-hashed names, never changed in place: cache first,
//              else the network (and the copy kept)
//   pages      network first (the copy kept); the saved copy when the
//              network fails or does not answer within a few seconds and
//              a copy exists; else the offline page (offline/)
//   other      data (data/*.json, calculator/templates.json, the web app
//              manifest): network first, the saved copy when offline
//
// Caches are named "shguide:<scope>:<version>" (one per version, so two
// deploys never mix) and "shguide:<scope>:meta" (whether the reader saved
// the whole site). Installing saves the offline page and what it loads,
// or, once the reader has saved the site, everything again, copying what
// did not change from the previous version. Activating deletes the
// caches of other versions. A new version waits until the page asks it to
// take over (the page says 「新しい版があります」) or every tab is closed.
//
// Messages from pages (postMessage {type}):
//   "status"        → {type: "offline-status", saved, at, bytes, files, version}
//   "save"          save every file of offline.json; progress goes to every
//                   tab as {type: "offline-progress", done, total, files,
//                   count}, then {type: "offline-saved", …status} or
//                   {type: "offline-failed", message}
//   "remove"        delete what was saved → {type: "offline-removed"}
//   "keep" {urls}   save these assets (what the page loaded before this
//                   worker controlled it), so that a second visit finds them
//   "skip-waiting"  a waiting version takes over now

const SCOPE = new URL(self.registration.scope).pathname; // "/" or "/repo/"
const PREFIX = 'shguide:' + SCOPE + ':';
const CACHE = PREFIX + VERSION;
const META = PREFIX + 'meta';
const LIST_URL = SCOPE + 'offline.json';
const OFFLINE_URL = SCOPE + 'offline/';
const ASSETS = SCOPE + 'assets/';
const STATE_KEY = SCOPE + '__offline-state';
const NETWORK_TIMEOUT_MS = 4000; // then a saved copy, if any, is shown
const PARALLEL = 6;

const MSG = {
  failed: 'オフライン保存に失敗しました。接続を確認して、もう一度お試しください。',
  quota: 'ブラウザーの保存領域が足りないため、オフライン保存できませんでした。空き容量を確保してから、もう一度お試しください。',
  changed: 'サイトが更新されたため、保存を中断しました。ページを再読み込みしてから、もう一度お試しください。',
};

// ---- the list of files ---------------------------------------------------

async function fetchList() {
  const resp = await fetch(LIST_URL, { cache: 'no-cache' });
  if (!resp.ok) throw new Error(LIST_URL + ': HTTP ' + resp.status);
  const list = await resp.json();
  if (list.version !== VERSION) {
    const e = new Error(LIST_URL + ' is version ' + list.version + ', this worker ' + VERSION);
    e.changed = true;
    throw e;
  }
  return list;
}

// needed: the files to save, all or the shell only; a file with "unless"
// is skipped where that global exists.
function needed(list, all) {
  return list.files.filter((f) => (all || f.shell) && !(f.unless && f.unless in self));
}

// previous is the newest other version's cache and its list, to copy
// unchanged files from.
async function previous() {
  const keys = (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE && k !== META);
  for (const key of keys.reverse()) {
    const cache = await caches.open(key);
    const resp = await cache.match(LIST_URL);
    if (!resp) continue;
    try {
      const list = await resp.json();
      return { cache, hashes: new Map(list.files.map((f) => [f.url, f.hash || ''])) };
    } catch (e) {
      // an unreadable list: nothing to copy from this cache
    }
  }
  return null;
}

// keepable: a response worth saving (a same-origin 200 that was not
// redirected: a redirected response cannot answer a navigation).
function keepable(resp) {
  return resp && resp.ok && resp.status === 200 && resp.type === 'basic' && !resp.redirected;
}

// fill saves files into this version's cache: what the cache has is kept,
// what an earlier version saved under the same URL and hash is copied,
// the rest is downloaded. progress(doneBytes, totalBytes, doneFiles,
// files) follows each file.
async function fill(files, progress) {
  const cache = await caches.open(CACHE);
  const old = await previous();
  const total = files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  let count = 0;
  let next = 0;
  let failed = false; // the first failure stops the other downloads
  const one = async (f) => {
    if (await cache.match(f.url)) return;
    if (old && old.hashes.get(f.url) === (f.hash || '')) {
      const resp = await old.cache.match(f.url);
      if (resp) {
        await cache.put(f.url, resp);
        return;
      }
    }
    // Pages and data revalidate; hashed assets may come from the HTTP cache.
    const resp = await fetch(f.url, { cache: f.hash ? 'no-cache' : 'default' });
    if (!keepable(resp)) throw new Error(f.url + ': HTTP ' + resp.status);
    await cache.put(f.url, resp);
  };
  const worker = async () => {
    while (next < files.length && !failed) {
      const f = files[next++];
      try {
        await one(f);
      } catch (err) {
        failed = true;
        throw err;
      }
      done += f.size;
      count++;
      if (progress) progress(done, total, count, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
  return { bytes: total, files: files.length };
}

// ---- the saved state -----------------------------------------------------

async function savedState() {
  const resp = await (await caches.open(META)).match(STATE_KEY);
  if (!resp) return null;
  try {
    return await resp.json();
  } catch (e) {
    return null;
  }
}

async function setSavedState(state) {
  const meta = await caches.open(META);
  if (!state) return meta.delete(STATE_KEY);
  return meta.put(STATE_KEY, new Response(JSON.stringify(state), { headers: { 'Content-Type': 'application/json' } }));
}

async function status() {
  const st = await savedState();
  return {
    type: 'offline-status', version: VERSION, saved: !!st,
    at: st ? st.at : '', bytes: st ? st.bytes : 0, files: st ? st.files : 0,
  };
}

// ---- lifecycle -----------------------------------------------------------

async function install() {
  const list = await fetchList();
  const all = !!(await savedState());
  await fill(needed(list, all), null);
  const cache = await caches.open(CACHE);
  await cache.put(LIST_URL, new Response(JSON.stringify(list), { headers: { 'Content-Type': 'application/json' } }));
}

async function activate() {
  // A reader who saved the site keeps it whole, even if the save finished
  // in the old version after this one installed.
  const st = await savedState();
  if (st) {
    try {
      const cache = await caches.open(CACHE);
      const resp = await cache.match(LIST_URL);
      const r = await fill(needed(await resp.json(), true), null);
      await setSavedState(Object.assign(st, { version: VERSION, bytes: r.bytes, files: r.files }));
    } catch (e) {
      // Offline now: what this version lacks is fetched when next used.
    }
  }
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE && k !== META).map((k) => caches.delete(k)));
  if (self.registration.navigationPreload) {
    await self.registration.navigationPreload.enable().catch(() => {});
  }
  await self.clients.claim();
}

self.addEventListener('install', (e) => e.waitUntil(install()));
self.addEventListener('activate', (e) => e.waitUntil(activate()));

// ---- requests ------------------------------------------------------------

const keyOf = (url) => url.origin + url.pathname; // pages ignore their query (search/?q=…)

async function match(key) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) || (await caches.match(key, { ignoreSearch: true }));
}

async function cacheFirst(e, url) {
  const key = keyOf(url);
  const hit = await match(key);
  if (hit) return hit;
  const resp = await fetch(e.request);
  if (keepable(resp)) {
    const copy = resp.clone();
    e.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)).catch(() => {}));
  }
  return resp;
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function networkFirst(e, url, page) {
  const key = keyOf(url);
  const saved = match(key);
  const net = (async () => {
    const pre = page ? await e.preloadResponse : null;
    const resp = pre || (await fetch(e.request));
    if (keepable(resp)) {
      const copy = resp.clone();
      e.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)).catch(() => {}));
    }
    return resp;
  })();
  net.catch(() => {});
  const copy = await saved;
  let failed = false;
  const fallback = (v) => () => {
    failed = true;
    return v;
  };
  let resp;
  if (copy) {
    // A connection that hangs does not keep a saved page from showing;
    // the network still refreshes the copy for next time.
    e.waitUntil(net.then(() => {}, () => {}));
    resp = await Promise.race([net.catch(fallback(copy)), delay(NETWORK_TIMEOUT_MS).then(() => copy)]);
  } else {
    resp = await net.catch(fallback(null));
  }
  if (page && failed) e.waitUntil(tellOffline(e.resultingClientId));
  if (resp) return resp;
  if (!page) return Response.error();
  return offline(e, url);
}

// tellOffline tells the page being opened that it came from the saved
// copies because the network failed, so that it shows the offline
// indicator even where the browser believes it is online.
async function tellOffline(id) {
  for (let i = 0; id && i < 50; i++) {
    const c = await self.clients.get(id);
    if (c) {
      c.postMessage({ type: 'offline-fallback' });
      return;
    }
    await delay(100);
  }
}

// offline answers a navigation to a page that is not saved: the page with
// a trailing slash when that one is, else the offline page.
async function offline(e, url) {
  if (!url.pathname.endsWith('/') && (await match(keyOf(url) + '/'))) {
    return Response.redirect(url.pathname + '/' + url.search, 301);
  }
  const page = await match(url.origin + OFFLINE_URL);
  if (page) return page;
  return new Response('<!DOCTYPE html><html lang="ja"><meta charset="utf-8"><title>オフライン</title>' +
    '<p>オフラインで、このページは保存されていません。接続が戻ったら再読み込みしてください。</p></html>',
  { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || req.headers.has('range')) return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  if (url.pathname === LIST_URL || url.pathname === new URL(self.location.href).pathname) return;
  if (url.pathname.startsWith(ASSETS)) {
    e.respondWith(cacheFirst(e, url));
  } else {
    e.respondWith(networkFirst(e, url, req.mode === 'navigate'));
  }
});

// ---- messages ------------------------------------------------------------

async function broadcast(msg) {
  const all = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const c of all) c.postMessage(msg);
}

let saving = null;

function save() {
  if (saving) return saving;
  saving = (async () => {
    try {
      const list = await fetchList();
      let last = 0;
      const r = await fill(needed(list, true), (done, total, count, files) => {
        const now = Date.now();
        if (now - last < 100 && count < files) return;
        last = now;
        broadcast({ type: 'offline-progress', done, total, count, files });
      });
      const cache = await caches.open(CACHE);
      if (!(await cache.match(LIST_URL))) {
        await cache.put(LIST_URL, new Response(JSON.stringify(list), { headers: { 'Content-Type': 'application/json' } }));
      }
      await setSavedState({ version: VERSION, at: new Date().toISOString(), bytes: r.bytes, files: r.files });
      await broadcast(Object.assign(await status(), { type: 'offline-saved' }));
    } catch (err) {
      const message = err && err.name === 'QuotaExceededError' ? MSG.quota : err && err.changed ? MSG.changed : MSG.failed;
      await broadcast({ type: 'offline-failed', message, detail: String(err && err.message || err) });
    } finally {
      saving = null;
    }
  })();
  return saving;
}

async function remove() {
  if (saving) await saving;
  await setSavedState(null);
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== META).map((k) => caches.delete(k)));
  // The offline page stays available.
  try {
    await install();
  } catch (e) {
    // offline: it is saved again on the next visit
  }
  await broadcast({ type: 'offline-removed' });
}

async function keep(urls) {
  const cache = await caches.open(CACHE);
  for (const u of Array.isArray(urls) ? urls.slice(0, 200) : []) {
    let url;
    try {
      url = new URL(u, self.location.href);
    } catch (err) {
      continue;
    }
    if (url.origin !== self.location.origin || !url.pathname.startsWith(ASSETS)) continue;
    const key = keyOf(url);
    if (await cache.match(key)) continue;
    try {
      const resp = await fetch(key); // from the HTTP cache, usually
      if (keepable(resp)) await cache.put(key, resp);
    } catch (err) {
      // kept the next time it is used
    }
  }
}

self.addEventListener('message', (e) => {
  const type = e.data && e.data.type;
  if (type === 'skip-waiting') {
    self.skipWaiting();
  } else if (type === 'status') {
    e.waitUntil(status().then((s) => e.source && e.source.postMessage(s)));
  } else if (type === 'save') {
    e.waitUntil(save());
  } else if (type === 'remove') {
    e.waitUntil(remove());
  } else if (type === 'keep') {
    e.waitUntil(keep(e.data.urls));
  }
});
