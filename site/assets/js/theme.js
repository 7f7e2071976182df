// theme.js — applies the reader's colour theme before the page is drawn.
// Loaded as a classic, blocking script in <head> (the CSP allows no inline
// script), so a reader who chose light or dark never sees the other theme
// flash. The choice is stored under "shguide.theme" ("light" or "dark");
// without one the stylesheet follows the system setting. The switch in the
// header is wired up by site.js.
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js'); // shows controls that need JavaScript, such as copy buttons
  try {
    var t = localStorage.getItem('shguide.theme');
    if (t === 'light' || t === 'dark') root.setAttribute('data-theme', t);
  } catch (e) { /* storage blocked: follow the system */ }
})();
