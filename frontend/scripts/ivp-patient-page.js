/*
 * The patient page's only script of its own (the page allows no inline script): hands each <ivp-swipe> its two
 * images from data- attributes, since the element takes them as properties.
 */
(function () {
  function image(el, side) {
    return { src: el.dataset[side + 'Src'], alt: el.dataset[side + 'Alt'] || '', label: el.dataset[side + 'Label'] || '' };
  }
  function wire() {
    document.querySelectorAll('ivp-swipe[data-before-src]').forEach(function (el) {
      el.before = image(el, 'before');
      el.after = image(el, 'after');
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
})();
