// Requirement index filters (/requirements/). Without JavaScript the form
// stays hidden and the complete list shows. Each .req-item carries
// data-level, data-target, data-uk, data-sb327 and data-cpsf, and in
// data-codes the codes it cites (" UK3 1798.91.05 CPS.AC-3"); a filter keeps
// the items whose attribute equals the chosen value, the code filter those
// citing the chosen code. The state is kept in the query string
// (?level=3&target=H, ?code=CPS.AC-3) so a filtered list can be linked.
(() => {
  'use strict';
  const form = document.getElementById('req-filters');
  const index = document.getElementById('req-index');
  if (!form || !index) return;
  const keys = ['level', 'target', 'uk', 'sb327', 'cpsf', 'code'];
  const items = Array.from(index.querySelectorAll('.req-item'));
  const groups = Array.from(index.querySelectorAll('.req-level, .req-group'));
  const count = document.getElementById('req-count');

  const params = new URLSearchParams(location.search);
  for (const k of keys) {
    const sel = form.elements.namedItem(k);
    const v = params.get(k);
    // Only a value the select offers is taken from the URL.
    if (sel && v !== null && Array.from(sel.options).some((o) => o.value === v)) sel.value = v;
  }

  const current = () => {
    const f = {};
    for (const k of keys) f[k] = form.elements.namedItem(k).value;
    return f;
  };

  const apply = (updateURL) => {
    const f = current();
    let shown = 0;
    for (const li of items) {
      const ok = keys.every((k) => f[k] === '' ||
        (k === 'code' ? (li.dataset.codes || '').split(' ').includes(f[k]) : li.dataset[k] === f[k]));
      li.hidden = !ok;
      if (ok) shown++;
    }
    // Hide groups left empty (levels first, then targets).
    for (const g of groups) g.hidden = !g.querySelector('.req-item:not([hidden])');
    count.textContent = `${items.length} 項目中 ${shown} 項目を表示`;
    if (updateURL) {
      const p = new URLSearchParams();
      for (const k of keys) if (f[k] !== '') p.set(k, f[k]);
      const qs = p.toString();
      history.replaceState(null, '', (qs ? '?' + qs : location.pathname) + location.hash);
    }
  };

  form.addEventListener('change', () => apply(true));
  form.addEventListener('reset', () => setTimeout(() => apply(true), 0));
  form.addEventListener('submit', (e) => e.preventDefault());
  form.hidden = false;
  apply(false);
})();
