/*
 * <ivp-swipe>: two images on top of each other with a slider that reveals one or the other (predicted vs real
 * photo). Vanilla custom element; properties: before = {src, alt, label}, after = {src, alt, label}, position (0..100).
 * The frame takes the aspect ratio of the before image (5:3 until it loads) and both images are shown whole
 * (letter-boxed), never cropped or stretched: a real photo of another shape keeps its proportions.
 *
 * Words: the `label` attribute names the slider in the reader's language, set by the server; the English below is
 * only the fallback.
 */
(function () {
  if (customElements.get('ivp-swipe')) {
    return;
  }
  const ENGLISH_LABEL = 'Swipe between the two images';
  const template = document.createElement('template');
  template.innerHTML = `
    <style>
      :host { display: block; width: 100%; font-family: var(--lumo-font-family, sans-serif); }
      .frame { position: relative; width: 100%; aspect-ratio: var(--ratio, 5 / 3); height: auto; background: #111; border-radius: 6px; overflow: hidden; }
      img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; }
      img.before { z-index: 2; clip-path: inset(0 calc(100% - var(--pos, 50%)) 0 0); }
      .line { position: absolute; top: 0; bottom: 0; left: var(--pos, 50%); width: 2px; background: #fff; z-index: 3; box-shadow: 0 0 3px #000; }
      .tag { position: absolute; top: 6px; z-index: 4; color: #fff; background: rgba(0,0,0,.6); font-size: 0.8em; padding: 1px 6px; border-radius: 4px; }
      .tag.l { left: 6px; } .tag.r { right: 6px; }
      input { width: 100%; accent-color: var(--lumo-primary-color, #1a6c96); }
      input:focus-visible { outline: 2px solid var(--lumo-primary-color, #1a6c96); outline-offset: 2px; }
    </style>
    <div class="frame"><img class="after" alt=""><img class="before" alt=""><div class="line"></div>
      <span class="tag l"></span><span class="tag r"></span></div>
    <input type="range" min="0" max="100" step="1" value="50">`;

  class IvpSwipe extends HTMLElement {
    static get observedAttributes() {
      return ['label'];
    }

    attributeChangedCallback(name, oldValue, value) {
      this._range.setAttribute('aria-label', value || ENGLISH_LABEL);
    }

    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).appendChild(template.content.cloneNode(true));
      this._range = this.shadowRoot.querySelector('input');
      this._frame = this.shadowRoot.querySelector('.frame');
      this._range.setAttribute('aria-label', ENGLISH_LABEL);
      this._range.addEventListener('input', () => this._apply());
      const beforeImg = this.shadowRoot.querySelector('img.before');
      beforeImg.addEventListener('load', () => {
        if (beforeImg.naturalWidth > 0 && beforeImg.naturalHeight > 0) {
          this._frame.style.setProperty('--ratio', beforeImg.naturalWidth + ' / ' + beforeImg.naturalHeight);
        }
      });
      this._before = null;
      this._after = null;
    }

    connectedCallback() {
      ['before', 'after', 'position'].forEach((p) => {
        if (Object.prototype.hasOwnProperty.call(this, p)) {
          const v = this[p];
          delete this[p];
          this[p] = v;
        }
      });
    }

    get before() { return this._before; }
    set before(v) { this._before = v; this._set('.before', '.tag.l', v); }
    get after() { return this._after; }
    set after(v) { this._after = v; this._set('.after', '.tag.r', v); }
    get position() { return parseInt(this._range.value, 10); }
    set position(v) { this._range.value = String(v); this._apply(); }

    _set(imgSel, tagSel, v) {
      const img = this.shadowRoot.querySelector(imgSel);
      img.src = (v && v.src) || '';
      img.alt = (v && v.alt) || '';
      this.shadowRoot.querySelector(tagSel).textContent = (v && v.label) || '';
    }

    _apply() {
      this._frame.style.setProperty('--pos', this._range.value + '%');
    }
  }

  customElements.define('ivp-swipe', IvpSwipe);
})();
