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
