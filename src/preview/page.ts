/**
 * The preview's page shell around the renderer's slides: the deck page, the
 * list of directions, their live fragments, and the two files of the shell
 * (live.js, shell.css). No inline script anywhere (the CSP forbids it).
 */
import { PREVIEW_HEAD } from '../render/html.js';
import { escapeHtml } from './problems.js';

export interface DeckFragment {
  key: string;
  /** The problems block (problemsHtml), '' when none. */
  problems: string;
  /** renderSlidesHtml of the last good build, if any. */
  slides?: string;
  /** Output file name of the last good build, e.g. institutional-environment.pptx. */
  fileName?: string;
  pdf: boolean;
  /** The file has errors now: the downloads are of its last version without them, and say so. */
  stale?: boolean;
}

/** What replaces #itogi-live on each change: downloads, problems, slides. */
export function deckFragment(f: DeckFragment): string {
  const base = `/d/${f.key}/`;
  const which = f.stale ? ' (последняя версия без ошибок)' : '';
  const downloads = f.slides
    ? `<nav class="itogi-downloads"><a href="${base}deck.pptx" download="${escapeHtml(f.fileName ?? 'deck.pptx')}">Скачать .pptx${which}</a>` +
      (f.pdf
        ? ` <a href="${base}deck.pdf" download="${escapeHtml((f.fileName ?? 'deck.pptx').replace(/\.pptx$/, '.pdf'))}">Скачать PDF${which}</a>`
        : '') +
      (f.stale
        ? '<p class="itogi-stale">В файле сейчас ошибки: слайды и файлы для скачивания — из последней версии без ошибок, последних правок в них нет.</p>'
        : '') +
      '</nav>'
    : '';
  return `${downloads}${f.problems}${f.slides ?? ''}`;
}

function page(
  title: string,
  bodyAttrs: string,
  header: string,
  live: string,
  editor?: { token: string; form: string },
): string {
  const main = `<main id="itogi-live">${live}</main>`;
  return (
    '<!doctype html>\n<html lang="ru"><head><meta charset="utf-8">' +
    (editor ? `<meta name="itogi-token" content="${escapeHtml(editor.token)}">` : '') +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    // No favicon request (it would be a 404 in the console).
    '<link rel="icon" href="data:,">' +
    `<title>${escapeHtml(title)}</title>${PREVIEW_HEAD}` +
    '<link rel="stylesheet" href="/shell.css"><script src="/live.js" defer></script>' +
    (editor ? '<script src="/edit.js" defer></script>' : '') +
    '</head>' +
    `<body ${bodyAttrs}><header class="itogi-bar">${header}</header>` +
    (editor ? `<div class="itogi-split"><aside class="itogi-editor">${editor.form}</aside>${main}</div>` : main) +
    '</body></html>\n'
  );
}

export function deckPage(o: {
  key: string;
  version: number;
  title: string;
  file: string;
  fragment: string;
  listLink: boolean;
  /** The session's write token and the edit form (form.ts). */
  token: string;
  form: string;
  /** A year's summary has no file of its own to edit: it is made from the directions' files. */
  summary?: boolean;
}): string {
  const back = o.listLink ? '<a class="itogi-back" href="/">← Все направления</a>' : '';
  const note = o.summary
    ? 'собирается из файлов направлений этого года и обновляется сама, когда их правят'
    : `${escapeHtml(o.file)} — правьте поля слева: изменения сохраняются в файл сразу, слайды обновляются сами`;
  const header = `${back}<h1>${escapeHtml(o.title)}</h1><p class="itogi-file">${note}</p>`;
  return page(
    `${o.title} — предпросмотр itogi`,
    `data-deck="${escapeHtml(o.key)}" data-version="${o.version}"`,
    header,
    o.fragment,
    { token: o.token, form: o.form },
  );
}

export interface ListEntry {
  key: string;
  file: string;
  title?: string;
  year?: number;
  errors: number;
}

export function listFragment(entries: readonly ListEntry[]): string {
  if (entries.length === 0)
    return '<p class="itogi-empty">В папке пока нет YAML-файлов направлений. Добавьте файл — он появится здесь.</p>';
  const items = entries.map((e) => {
    const name = e.title ? `${e.year ?? ''} — ${e.title}` : e.file;
    const errors = e.errors > 0 ? ` <span class="itogi-badge">ошибок: ${e.errors}</span>` : '';
    return `<li><a href="/d/${escapeHtml(e.key)}/">${escapeHtml(name)}</a>${errors}<br><span class="itogi-file">${escapeHtml(e.file)}</span></li>`;
  });
  return `<ul class="itogi-list">${items.join('')}</ul>`;
}

export function listPage(o: { folder: string; version: number; fragment: string }): string {
  const header = `<h1>Направления</h1><p class="itogi-file">${escapeHtml(o.folder)} — выберите направление</p>`;
  return page('Направления — предпросмотр itogi', `data-list="1" data-version="${o.version}"`, header, o.fragment);
}

export const SHELL_CSS = `
body { margin: 0; font-family: Arimo, Arial, sans-serif; background: #e9ecef; color: #1d1d1f; }
.itogi-bar { padding: 12px 24px; background: #fff; border-bottom: 1px solid #ccd; }
.itogi-bar h1 { font-size: 20px; margin: 4px 0; }
.itogi-file { color: #555; font-size: 13px; margin: 2px 0; }
.itogi-back { font-size: 14px; }
#itogi-live { padding: 16px 24px; }
.itogi-downloads { margin: 0 0 12px; }
.itogi-downloads a { display: inline-block; margin-right: 12px; padding: 6px 12px; background: #1f4e79; color: #fff; border-radius: 4px; text-decoration: none; }
.itogi-stale { margin: 8px 0 0; color: #8a1c1c; font-weight: bold; }
.itogi-problems { background: #fff4f4; border: 2px solid #c62828; border-radius: 6px; padding: 8px 16px; margin: 0 0 16px; }
.itogi-problems:not(.itogi-has-errors) { background: #fffbe6; border-color: #b58900; }
.itogi-problems h2 { font-size: 16px; margin: 4px 0 8px; }
.itogi-problems ul { list-style: none; margin: 0; padding: 0; }
.itogi-problem { margin: 0 0 10px; }
.itogi-problem-line { margin: 0 0 4px; font-family: "Liberation Mono", Consolas, monospace; font-size: 13px; white-space: pre-wrap; }
.itogi-source { margin: 0; padding: 6px 8px; background: #fff; border: 1px solid #ddd; font-size: 13px; overflow-x: auto; }
.itogi-gutter { color: #888; }
.itogi-marker { color: #c62828; font-weight: bold; }
.itogi-list { list-style: none; padding: 0; }
.itogi-list li { background: #fff; margin: 0 0 8px; padding: 10px 14px; border-radius: 4px; }
.itogi-badge { color: #c62828; font-size: 13px; }
.itogi-split { display: grid; grid-template-columns: minmax(320px, 34%) 1fr; align-items: start; }
.itogi-editor { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; background: #fff; border-right: 1px solid #ccd; padding: 0 16px 24px; box-sizing: border-box; }
.itogi-form h2 { font-size: 16px; margin: 18px 0 8px; }
.itogi-field { margin: 0 0 10px; }
.itogi-field label { display: block; font-size: 13px; color: #333; margin: 0 0 2px; }
.itogi-field input[type=text], .itogi-field textarea { width: 100%; box-sizing: border-box; font: 14px Arimo, Arial, sans-serif; padding: 4px 6px; border: 1px solid #99a; border-radius: 3px; }
.itogi-field textarea { resize: vertical; }
.itogi-check { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
.itogi-check label { display: inline; }
.itogi-hint { display: block; font-size: 12px; color: #666; }
.itogi-field-error { margin: 2px 0 0; color: #b00020; font-size: 13px; }
.itogi-field-error:empty { display: none; }
.itogi-invalid { border-color: #b00020 !important; outline: 1px solid #b00020; }
.itogi-item { border: 1px solid #ccd; border-radius: 4px; margin: 0 0 12px; padding: 6px 10px; }
.itogi-form-row { border-left: 3px solid #dde; padding-left: 8px; margin: 0 0 8px; }
.itogi-tools { display: flex; gap: 6px; margin: 0 0 6px; }
.itogi-adder { background: #f4f6f8; padding: 6px 8px; border-radius: 4px; margin: 0 0 10px; }
.itogi-status-bar { position: sticky; top: 0; background: #fff; padding: 8px 0; display: flex; gap: 12px; align-items: center; justify-content: space-between; border-bottom: 1px solid #eee; z-index: 1; }
.itogi-status { margin: 0; font-size: 14px; font-weight: bold; }
.itogi-status.itogi-bad { color: #b00020; }
.itogi-conflict { background: #fff4f4; border: 2px solid #c62828; padding: 8px; white-space: pre-wrap; }
.itogi-form button { font: 13px Arimo, Arial, sans-serif; }
.itogi-form :focus-visible { outline: 2px solid #1f4e79; outline-offset: 1px; }
`;

/**
 * The page's live channel: on a change of this deck, fetch the new fragment
 * and put it in place, keeping the scroll. Only the slides whose markup
 * changed are replaced and only their charts redrawn (an edited value
 * touches two or three of the slides; the browser then lays out and paints
 * those alone); the downloads and problems above them are small and always
 * replaced. A new number of slides, or the first fragment, replaces it all.
 */
export const LIVE_JS = `'use strict';
(function () {
  var body = document.body;
  var deck = body.dataset.deck;
  var version = Number(body.dataset.version || 0);
  var live = document.getElementById('itogi-live');
  var busy = false;
  var again = false;
  var toArray = function (list) { return Array.prototype.slice.call(list); };
  // The markup of each slide on the page as it was received (drawing a chart marks its box data-drawn).
  var received = function (slide) {
    var copy = slide.cloneNode(true);
    toArray(copy.querySelectorAll('[data-drawn]')).forEach(function (el) { el.removeAttribute('data-drawn'); });
    return copy.outerHTML;
  };
  var served = live.querySelector(':scope > .itogi-deck');
  var shownSlides = served ? toArray(served.children).map(received) : null;
  function parse(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    var parts = toArray(t.content.children);
    var slides = parts.filter(function (p) { return p.classList.contains('itogi-deck'); })[0];
    return {
      parts: parts,
      slides: slides,
      frame: slides ? slides.cloneNode(false).outerHTML : '',
      markup: slides ? toArray(slides.children).map(function (s) { return s.outerHTML; }) : []
    };
  }
  function draw(root) {
    if (window.itogiPreview && typeof window.itogiPreview.draw === 'function') window.itogiPreview.draw(root);
  }
  /**
   * A chart's canvas of the same size moves into the new slide: redrawing a
   * canvas that is already on the page costs a fraction of drawing a new
   * one, and the old picture stays until the new one is drawn over it.
   */
  function keepCanvases(from, to) {
    var olds = toArray(from.querySelectorAll('.itogi-chart canvas'));
    toArray(to.querySelectorAll('.itogi-chart canvas')).forEach(function (c, i) {
      var o = olds[i];
      if (o && o.cloneNode(false).outerHTML === c.cloneNode(false).outerHTML) c.replaceWith(o);
    });
  }
  /** The changed slides only, when the page already holds the same frame with as many slides. */
  function patch(next) {
    var current = live.querySelector(':scope > .itogi-deck');
    if (!deck || !shownSlides || !current || !next.slides || current.cloneNode(false).outerHTML !== next.frame ||
        current.children.length !== next.markup.length || shownSlides.length !== next.markup.length) return false;
    toArray(live.children).forEach(function (el) { if (el !== current) el.remove(); });
    next.parts.forEach(function (el) { if (el !== next.slides) live.insertBefore(el, current); });
    var fresh = toArray(next.slides.children);
    var old = toArray(current.children);
    for (var i = 0; i < fresh.length; i++) {
      if (shownSlides[i] === next.markup[i]) continue;
      keepCanvases(old[i], fresh[i]);
      current.replaceChild(fresh[i], old[i]);
      draw(fresh[i]);
    }
    return true;
  }
  function swap(html) {
    var next = parse(html);
    if (!patch(next)) {
      live.innerHTML = html;
      if (deck) draw(live);
    }
    shownSlides = next.slides ? next.markup : null;
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    again = false;
    fetch(deck ? '/d/' + deck + '/slides' : '/list', { cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) return;
        var next = Number(res.headers.get('X-Itogi-Version') || 0);
        return res.text().then(function (html) {
          var x = window.scrollX, y = window.scrollY;
          swap(html);
          window.scrollTo(x, y);
          requestAnimationFrame(function () { window.scrollTo(x, y); });
          version = next;
          body.dataset.version = String(next);
          // The edit form (edit.js) draws itself again from the file when nothing typed is unsaved.
          document.dispatchEvent(new CustomEvent('itogi:changed'));
        });
      })
      .catch(function () { /* the server is gone for now; the event stream reconnects and asks again */ })
      .then(function () {
        busy = false;
        if (again) refresh();
      });
  }
  var opened = false;
  var events = new EventSource('/events');
  events.addEventListener('change', function (e) {
    var d = JSON.parse(e.data);
    if (deck ? d.key === deck && d.version !== version : true) refresh();
  });
  events.addEventListener('open', function () {
    if (opened) refresh();
    opened = true;
  });
})();
`;
