/*
 * <ivp-scrubber>: browser-side preview of a precomputed strip (nudge α, norm k, interpolation t …).
 * Vanilla custom element (no imports, no build). All frames arrive once — one bulk fetch of the JSON at the
 * `frames-url` attribute (or the `frames` property), images as data: URLs — and are decoded up front; the slider,
 * play/pause and the before/after swipe then only toggle which preloaded <img> is visible: zero server round trips
 * while scrubbing.
 *
 * Properties: frames = [{label, images: [{view, src, alt, label}], front?}], front = {src, alt, label} (the real input
 * photo, shown in the middle of the anatomical layout; a frame's own `front` replaces it while that frame shows, e.g.
 * the "to" photo at the end of an interpolation), index (current step), baseIndex (swipe reference step). Captions
 * follow the visible frame: each frame names whose images they are.
 *
 * Words: the `labels` attribute holds the element's texts in the reader's language as JSON ({play, pause, step, …},
 * "{0}" marks a value), set by the server; the English below is only the fallback.
 */
(function () {
  if (customElements.get('ivp-scrubber')) {
    return;
  }
  const AREAS = { upper: '1 / 2', left: '2 / 1', front: '2 / 2', right: '2 / 3', lower: '3 / 2' };
  const ENGLISH = {
    play: '▶ Play', playAria: 'Play', pause: '❚❚ Pause', pauseAria: 'Pause', step: 'Step',
    swipeAria: 'Swipe position', swipe: 'Before/after swipe', swipeBetween: 'Before/after swipe: {0} (left) ↔ {1} (right)',
    fetching: 'Loading the frames into the browser…', fetchFailed: 'The frames could not be loaded. Please compute again.',
    loading: 'Loading frames… {0} / {1}',
    loaded: '{0} steps loaded in the browser: drag the slider or use the arrow keys; nothing is sent to the server.',
    tick: 'Tick on the slider: {0}', simulated: 'Simulated', realPhoto: 'Real photo', front: 'Front (real photo)',
    frontAlt: 'Front photo'
  };

  /** A figure caption: the view's label and a badge (Simulated or Real photo). */
  function caption(text, badgeClass, badgeText) {
    const cap = document.createElement('figcaption');
    const label = document.createElement('span');
    label.textContent = text;
    const badge = document.createElement('span');
    badge.className = badgeClass;
    badge.textContent = badgeText;
    label.className = 'caption-text';
    cap.append(label, badge);
    return cap;
  }
  const template = document.createElement('template');
  template.innerHTML = `
    <style>
      :host { display: block; font-family: var(--lumo-font-family, sans-serif); }
      .grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; max-width: 820px; }
      .grid.free { grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
      figure { margin: 0; display: flex; flex-direction: column; gap: 4px; }
      .stack { position: relative; width: 100%; aspect-ratio: 5 / 3; background: #111; border-radius: 6px; overflow: hidden; }
      .stack img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; visibility: hidden; }
      .stack img.top, .stack img.base { visibility: visible; }
      .stack img.top { z-index: 2; }
      .swiping .stack img.top { clip-path: inset(0 0 0 var(--swipe, 50%)); }
      /* the swipe's reference step itself is showing: nothing lies under it, so it must not be cut in half */
      .swiping .stack img.top.whole { clip-path: none; }
      .swiping .stack:not(.fixed)::after { content: ''; position: absolute; top: 0; bottom: 0; left: var(--swipe, 50%); width: 2px; background: #fff; z-index: 3; box-shadow: 0 0 3px #000; }
      figcaption { font-size: 0.85em; color: var(--lumo-secondary-text-color, #555); display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
      .sim { font-size: 0.75em; font-weight: 600; color: #fff; background: var(--ivp-simulated, #c66a0e); border-radius: 4px; padding: 0 5px; }
      .real { font-size: 0.75em; font-weight: 600; color: #fff; background: #2f6f3e; border-radius: 4px; padding: 0 5px; }
      .controls { display: flex; align-items: center; gap: 12px; margin-top: 10px; flex-wrap: wrap; }
      .controls input[type=range] { flex: 1 1 320px; min-width: 200px; accent-color: var(--lumo-primary-color, #1a6c96); }
      button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--lumo-contrast-30pct, #999); background: var(--lumo-base-color, #fff); cursor: pointer; min-width: 5.5em; }
      button:focus-visible, input:focus-visible { outline: 2px solid var(--lumo-primary-color, #1a6c96); outline-offset: 2px; }
      .step { font-weight: 600; min-width: 9em; }
      .swipe-row { display: flex; align-items: center; gap: 10px; margin-top: 6px; flex-wrap: wrap; }
      .swipe-row input[type=range] { flex: 0 1 300px; }
      .status { color: var(--lumo-secondary-text-color, #555); font-size: 0.9em; }
      .hidden { display: none !important; }
      .mark-legend { font-size: 0.85em; color: var(--lumo-secondary-text-color, #555); }
    </style>
    <div class="status" part="status"></div>
    <div class="grid" part="grid"></div>
    <div class="controls">
      <button class="play" type="button"></button>
      <input class="slider" type="range" min="0" max="0" step="1" value="0" list="marks">
      <datalist id="marks"></datalist>
      <span class="step" aria-live="polite"></span>
    </div>
    <div class="mark-legend"></div>
    <div class="swipe-row">
      <label><input class="swipe-toggle" type="checkbox"> <span class="swipe-text"></span></label>
      <input class="swipe" type="range" min="0" max="100" step="1" value="50" disabled>
    </div>`;

  class IvpScrubber extends HTMLElement {
    static get observedAttributes() {
      return ['frames-url', 'labels'];
    }

    attributeChangedCallback(name, oldValue, value) {
      if (name === 'frames-url' && value !== oldValue) {
        this._fetchFrames(value);
      }
      if (name === 'labels' && value !== oldValue) {
        try {
          this._labels = value ? JSON.parse(value) : {};
        } catch (e) {
          this._labels = {};
        }
        this._applyLabels();
      }
    }

    /** The text `name` in the reader's language, "{0}", "{1}" replaced by the values. */
    _t(name, ...values) {
      const text = (this._labels && this._labels[name]) || ENGLISH[name];
      return text.replace(/\{(\d)\}/g, (m, i) => String(values[i]));
    }

    /** Puts the fixed texts in place (again, when the labels change). */
    _applyLabels() {
      this._slider.setAttribute('aria-label', this._t('step'));
      this._swipe.setAttribute('aria-label', this._t('swipeAria'));
      this._showPlaying(!!this._timer);
      this._showMarkLegend();
      if (this._frames.length) {
        this._build();
      } else {
        this.shadowRoot.querySelector('.swipe-text').textContent = this._t('swipe');
      }
    }

    _showPlaying(playing) {
      this._play.textContent = this._t(playing ? 'pause' : 'play');
      this._play.setAttribute('aria-label', this._t(playing ? 'pauseAria' : 'playAria'));
    }

    _fetchFrames(url) {
      const token = (this._fetchToken = {});
      if (!url) {
        this.frames = [];
        return;
      }
      this.removeAttribute('ready');
      this._status.textContent = this._t('fetching');
      fetch(url, { credentials: 'same-origin' })
        .then((r) => {
          if (!r.ok) {
            throw new Error('HTTP ' + r.status);
          }
          return r.json();
        })
        .then((frames) => {
          if (this._fetchToken === token) {
            this.frames = frames;
          }
        })
        .catch(() => {
          if (this._fetchToken === token) {
            this._status.textContent = this._t('fetchFailed');
          }
        });
    }

    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).appendChild(template.content.cloneNode(true));
      this._frames = [];
      this._front = null;
      this._index = 0;
      this._baseIndex = 0;
      this._timer = null;
      this._imgs = [];
      const root = this.shadowRoot;
      this._grid = root.querySelector('.grid');
      this._slider = root.querySelector('.slider');
      this._play = root.querySelector('.play');
      this._stepText = root.querySelector('.step');
      this._status = root.querySelector('.status');
      this._swipeToggle = root.querySelector('.swipe-toggle');
      this._swipe = root.querySelector('.swipe');
      this._slider.addEventListener('input', () => this._show(parseInt(this._slider.value, 10)));
      this._play.addEventListener('click', () => (this._timer ? this.pause() : this.play()));
      this._swipeToggle.addEventListener('change', () => {
        this._swipe.disabled = !this._swipeToggle.checked;
        this._render();
      });
      this._swipe.addEventListener('input', () => this._grid.style.setProperty('--swipe', this._swipe.value + '%'));
      this._labels = {};
      this._applyLabels();
    }

    connectedCallback() {
      ['frames', 'front', 'index', 'baseIndex', 'marks'].forEach((p) => this._upgrade(p));
    }

    disconnectedCallback() {
      this.pause();
    }

    _upgrade(prop) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }

    get frames() { return this._frames; }
    set frames(value) { this._frames = Array.isArray(value) ? value : []; this._build(); }
    get front() { return this._front; }
    set front(value) { this._front = value || null; this._build(); }
    get index() { return this._index; }
    set index(value) { this._show(parseInt(value, 10) || 0); }
    get baseIndex() { return this._baseIndex; }
    set baseIndex(value) { this._baseIndex = parseInt(value, 10) || 0; this._render(); }
    get ready() { return this.hasAttribute('ready'); }
    /** Tick marks on the slider: [{index, label}] (e.g. the typical norm). */
    get marks() { return this._marks || []; }
    set marks(value) {
      this._marks = Array.isArray(value) ? value : [];
      const list = this.shadowRoot.querySelector('#marks');
      list.textContent = '';
      this._marks.forEach((m) => {
        const o = document.createElement('option');
        o.value = String(m.index);
        o.label = m.label || '';
        list.appendChild(o);
      });
      this._showMarkLegend();
    }

    _showMarkLegend() {
      this.shadowRoot.querySelector('.mark-legend').textContent =
        (this._marks || []).map((m) => this._t('tick', m.label)).join(' · ');
    }

    /** The src of the visible image of a view (tests). */
    visibleSrc(view) {
      const img = this.shadowRoot.querySelector(`figure[data-view="${view}"] img.top`);
      return img ? img.src : null;
    }

    /** The caption under a view as it reads now (tests). */
    visibleCaption(view) {
      const t = this.shadowRoot.querySelector(`figure[data-view="${view}"] .caption-text`);
      return t ? t.textContent : null;
    }

    play() {
      if (this._timer || this._frames.length < 2) {
        return;
      }
      this._showPlaying(true);
      this._timer = setInterval(() => this._show((this._index + 1) % this._frames.length), 160);
    }

    pause() {
      if (this._timer) {
        clearInterval(this._timer);
        this._timer = null;
      }
      this._showPlaying(false);
    }

    _build() {
      this.pause();
      this.removeAttribute('ready');
      this._grid.textContent = '';
      this._imgs = [];
      const frames = this._frames;
      if (!frames.length) {
        this._status.textContent = '';
        this._slider.max = '0';
        return;
      }
      const views = frames[0].images.map((im) => im.view || '');
      const anatomical = views.every((v) => v && AREAS[v]);
      this._grid.classList.toggle('free', !anatomical);
      const figures = [];
      views.forEach((view, v) => {
        const fig = document.createElement('figure');
        fig.dataset.view = view || ('image-' + v);
        if (anatomical) {
          fig.style.gridArea = AREAS[view];
        }
        const stack = document.createElement('div');
        stack.className = 'stack';
        const imgs = frames.map((f) => {
          const img = document.createElement('img');
          const im = f.images[v] || {};
          img.alt = im.alt || '';
          img.src = im.src || '';
          img.decoding = 'sync';
          stack.appendChild(img);
          return img;
        });
        this._imgs.push(imgs);
        fig.append(stack, caption(frames[0].images[v].label || view, 'sim', this._t('simulated')));
        figures.push(fig);
      });
      this._fronts = [];
      const fronts = frames.map((f) => (f.front && f.front.src ? f.front : this._front));
      if (anatomical && fronts.some((f) => f && f.src)) {
        const fig = document.createElement('figure');
        fig.dataset.view = 'front';
        fig.style.gridArea = AREAS.front;
        const stack = document.createElement('div');
        stack.className = 'stack fixed';
        this._fronts = fronts.map((f) => {
          const img = document.createElement('img');
          img.src = (f && f.src) || '';
          img.alt = (f && f.alt) || this._t('frontAlt');
          img.style.clipPath = 'none';
          img.style.objectFit = 'cover';
          stack.appendChild(img);
          return img;
        });
        const first = fronts.find((f) => f && f.src) || {};
        fig.append(stack, caption(first.label || this._t('front'), 'real', this._t('realPhoto')));
        figures.push(fig);
      }
      figures.forEach((f) => this._grid.appendChild(f));
      this._slider.max = String(frames.length - 1);
      this._index = Math.min(this._index, frames.length - 1);
      this._slider.value = String(this._index);
      const all = this._imgs.flat();
      let done = 0;
      this._status.textContent = this._t('loading', 0, all.length);
      const token = (this._token = {});
      Promise.all(all.map((img) => img.decode().catch(() => null).then(() => {
        done++;
        if (this._token === token) {
          this._status.textContent = this._t('loading', done, all.length);
        }
      }))).then(() => {
        if (this._token === token) {
          this._status.textContent = this._t('loaded', frames.length);
          this.setAttribute('ready', '');
          this.dispatchEvent(new CustomEvent('frames-ready'));
        }
      });
      this._render();
    }

    _show(i) {
      const n = this._frames.length;
      if (!n) {
        this._index = Math.max(0, i);
        return;
      }
      this._index = Math.max(0, Math.min(n - 1, i));
      if (this._slider.value !== String(this._index)) {
        this._slider.value = String(this._index);
      }
      this._render();
    }

    _render() {
      const n = this._frames.length;
      if (!n) {
        return;
      }
      const swiping = this._swipeToggle.checked;
      this._grid.classList.toggle('swiping', swiping);
      const base = Math.max(0, Math.min(n - 1, this._baseIndex));
      const frame = this._frames[this._index];
      this._imgs.forEach((imgs, v) => {
        imgs.forEach((img, s) => {
          img.classList.toggle('top', s === this._index);
          img.classList.toggle('base', swiping && s === base && s !== this._index);
          img.classList.toggle('whole', s === base && s === this._index);
        });
        const im = frame.images[v] || {};
        const text = imgs.length && imgs[0].closest('figure').querySelector('.caption-text');
        if (text) {
          text.textContent = im.label || im.view || '';
        }
      });
      const fronts = this._fronts || [];
      fronts.forEach((img, s) => img.classList.toggle('top', s === this._index));
      if (fronts.length) {
        const f = (frame.front && frame.front.src ? frame.front : this._front) || {};
        fronts[0].closest('figure').querySelector('.caption-text').textContent = f.label || this._t('front');
      }
      const label = this._frames[this._index].label || String(this._index);
      this._stepText.textContent = label;
      this._slider.setAttribute('aria-valuetext', label);
      this.shadowRoot.querySelector('.swipe-text').textContent =
        this._t('swipeBetween', this._frames[base].label, label);
    }
  }

  customElements.define('ivp-scrubber', IvpScrubber);
})();
