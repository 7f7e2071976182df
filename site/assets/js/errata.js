// Errata filters (/errata/). Without JavaScript the form stays hidden and
// every erratum shows. Each article.erratum carries data-kind; the kind
// filter keeps one kind, the words filter the errata whose text contains
// every word (width and case folded). The state is kept in the query string
// (?kind=score&q=EP⑤) so a filtered list can be linked.
(() => {
  'use strict';
  const form = document.getElementById('errata-filters');
  const list = document.getElementById('errata-list');
  if (!form || !list) return;
  const kind = form.elements.namedItem('kind');
  const q = form.elements.namedItem('q');
  const count = document.getElementById('errata-count');
  const items = Array.from(list.querySelectorAll('.erratum'));
  const sections = Array.from(list.querySelectorAll('.errata-kind'));
  const fold = (s) => s.normalize('NFKC').toLowerCase();
  const texts = new Map(items.map((a) => [a, fold(a.textContent)]));

  const params = new URLSearchParams(location.search);
  const k = params.get('kind');
  if (k !== null && Array.from(kind.options).some((o) => o.value === k)) kind.value = k;
  if (params.get('q') !== null) q.value = params.get('q');

  const apply = (updateURL) => {
    const words = fold(q.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const a of items) {
      const ok = (kind.value === '' || a.dataset.kind === kind.value) &&
        words.every((w) => texts.get(a).includes(w));
      a.hidden = !ok;
      if (ok) shown++;
    }
    for (const s of sections) s.hidden = !s.querySelector('.erratum:not([hidden])');
    count.textContent = `${items.length} 件中 ${shown} 件を表示`;
    if (updateURL) {
      const p = new URLSearchParams();
      if (kind.value !== '') p.set('kind', kind.value);
      if (q.value.trim() !== '') p.set('q', q.value.trim());
      const qs = p.toString();
      history.replaceState(null, '', (qs ? '?' + qs : location.pathname) + location.hash);
    }
  };

  form.addEventListener('change', () => apply(true));
  q.addEventListener('input', () => apply(true));
  form.addEventListener('reset', () => setTimeout(() => apply(true), 0));
  form.addEventListener('submit', (e) => e.preventDefault());
  form.hidden = false;
  apply(false);
})();
