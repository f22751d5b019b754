/**
 * The edit form's script (/edit.js; no inline script, the CSP forbids it).
 * A field is saved when its value changes and typing pauses, or when it
 * loses focus, without a save button; saves go one after another, each
 * naming the file text it was made on (the form's data-revision). The
 * answer is shown at the field (check's message) and in the status line
 * («Сохранено» / «Не сохранено: …»). A conflict with a save from another
 * program shows both values and loses neither. When the file changes on
 * disk and nothing typed is unsaved, the form is drawn again from it.
 */
export const FORM_JS = `'use strict';
(function () {
  var meta = document.querySelector('meta[name="itogi-token"]');
  var aside = document.querySelector('.itogi-editor');
  if (!meta || !aside) return;
  var token = meta.getAttribute('content');
  var form = aside.querySelector('.itogi-form');
  var key = form.dataset.key;
  var chain = Promise.resolve();
  var inFlight = 0;
  var timers = {};
  var PAUSE_MS = 400;

  function setStatus(text, bad) {
    var s = form.querySelector('.itogi-status');
    if (!s) return;
    s.textContent = text;
    s.classList.toggle('itogi-bad', !!bad);
  }
  function fieldError(el, message) {
    if (!el) return;
    var p = document.getElementById(el.id + '-e');
    if (p) p.textContent = message || '';
    if (message) { el.setAttribute('aria-invalid', 'true'); el.classList.add('itogi-invalid'); }
    else { el.removeAttribute('aria-invalid'); el.classList.remove('itogi-invalid'); }
  }
  function valueOf(el) { return el.type === 'checkbox' ? (el.checked ? 'on' : '') : el.value; }
  function named(name) {
    var all = form.querySelectorAll('[name]');
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('name') === name) return all[i];
    return null;
  }
  function dirty() {
    var all = form.querySelectorAll('[name]');
    for (var i = 0; i < all.length; i++) if (valueOf(all[i]) !== all[i].dataset.saved) return true;
    var adders = form.querySelectorAll('[data-new]');
    for (var j = 0; j < adders.length; j++) if (adders[j].value !== '') return true;
    return false;
  }
  /** The form drawn anew (after an item is added, moved or removed, after undo): focus stays on the same field or button. */
  function replaceForm(html) {
    var a = document.activeElement;
    var focus = a && form.contains(a) ? (a.getAttribute('name') ? '[name="' + a.getAttribute('name') + '"]' :
      a.dataset.op ? '[data-op="' + a.dataset.op + '"]' + (a.dataset.path ? '[data-path="' + a.dataset.path + '"]' : '') : null) : null;
    var scroll = aside.scrollTop;
    var status = form.querySelector('.itogi-status');
    var said = status ? status.textContent : '';
    var bad = status ? status.classList.contains('itogi-bad') : false;
    aside.innerHTML = html;
    form = aside.querySelector('.itogi-form');
    aside.scrollTop = scroll;
    setStatus(said, bad);
    if (focus) {
      var again = null;
      try { again = form.querySelector(focus); } catch (e) { again = null; }
      if (again) again.focus();
    }
  }
  function setUndo(n) {
    var b = form.querySelector('[data-op="undo"]');
    if (!b) return;
    b.disabled = !(n > 0);
    b.textContent = 'Отменить последнее сохранение' + (n > 0 ? ' (' + n + ')' : '');
  }
  function showConflict(a, yours, retry) {
    var box = form.querySelector('.itogi-conflict');
    box.hidden = false;
    box.textContent = 'Не сохранено: ' + a.message + '.\\nВ файле сейчас: «' + a.disk + '»\\nВаше значение: «' + yours + '»\\n';
    var mine = document.createElement('button');
    mine.type = 'button';
    mine.textContent = 'Записать моё значение';
    mine.addEventListener('click', function () { box.hidden = true; form.dataset.revision = a.revision; retry(); });
    var theirs = document.createElement('button');
    theirs.type = 'button';
    theirs.textContent = 'Взять значения из файла';
    theirs.addEventListener('click', function () { box.hidden = true; reload(true); });
    box.appendChild(mine);
    box.appendChild(document.createTextNode(' '));
    box.appendChild(theirs);
    mine.focus();
  }
  /** One request after another: each is sent with the revision the previous answer gave. */
  function post(body, done) {
    inFlight++;
    setStatus('Сохранение…', false);
    chain = chain.then(function () {
      body.revision = form.dataset.revision;
      return fetch('/d/' + key + '/edit', {
        method: 'POST',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', 'X-Itogi-Token': token },
        body: JSON.stringify(body)
      }).then(function (res) {
        return res.json().then(function (a) { a.status = res.status; return a; });
      }).then(function (a) {
        if (a.ok) {
          form.dataset.revision = a.revision;
          if (a.form) replaceForm(a.form); else setUndo(a.undo);
          setStatus('Сохранено', false);
        } else if (a.conflict) {
          setStatus('Не сохранено: ' + a.message, true);
        } else {
          setStatus('Не сохранено: ' + a.message + (a.hint ? ' (' + a.hint + ')' : ''), true);
        }
        done(a);
      }, function () {
        setStatus('Не сохранено: нет связи с itogi preview (он остановлен?); значения на странице не потеряны', true);
      });
    }).then(function () { inFlight--; }, function () { inFlight--; });
  }
  function save(el) {
    var name = el.getAttribute('name');
    clearTimeout(timers[name]);
    var value = valueOf(el);
    if (value === el.dataset.saved) return;
    var send = function () {
      post({ op: 'set', name: name, value: value }, function (a) {
        var target = named(name) || el;
        if (a.ok) { target.dataset.saved = value; fieldError(target, ''); }
        else if (a.conflict) showConflict(a, value, send);
        else fieldError(target, a.message + (a.hint ? ' — ' + a.hint : ''));
      });
    };
    send();
  }
  function add(adder, button) {
    var fields = adder.querySelectorAll('[data-new]');
    var value = {};
    for (var i = 0; i < fields.length; i++) { value[fields[i].dataset.new] = fields[i].value; fieldError(fields[i], ''); }
    var send = function () {
      post({ op: 'add', name: button.dataset.path, value: value }, function (a) {
        if (a.ok || a.conflict) { if (a.conflict) showConflict(a, JSON.stringify(value), send); return; }
        // The new item's problem, at the adder's field it came from (…items[6].plan → plan; tasks[6] → the one field).
        var m = /\\.([a-z_]+)$/.exec(a.field || '');
        var target = fields[0];
        for (var j = 0; j < fields.length; j++) if (m && fields[j].dataset.new === m[1]) target = fields[j];
        fieldError(target, a.message + (a.hint ? ' — ' + a.hint : ''));
        target.focus();
      });
    };
    send();
  }
  function reload(force) {
    if (!force && (inFlight > 0 || dirty())) return;
    fetch('/d/' + key + '/form', { cache: 'no-store' }).then(function (res) { return res.ok ? res.text() : null; }).then(function (html) {
      if (!html || (!force && (inFlight > 0 || dirty()))) return;
      var t = document.createElement('template');
      t.innerHTML = html;
      var next = t.content.querySelector('.itogi-form');
      if (next && (force || next.dataset.revision !== form.dataset.revision)) replaceForm(html);
    }, function () {});
  }

  aside.addEventListener('input', function (e) {
    var el = e.target;
    var name = el.getAttribute && el.getAttribute('name');
    if (!name || el.type === 'checkbox') return;
    clearTimeout(timers[name]);
    timers[name] = setTimeout(function () { save(el); }, PAUSE_MS);
  });
  aside.addEventListener('change', function (e) {
    var el = e.target;
    if (el.getAttribute && el.getAttribute('name')) save(el);
  });
  // The form is never sent (Enter in a one-line field would send it): its fields save themselves.
  aside.addEventListener('submit', function (e) { e.preventDefault(); });
  aside.addEventListener('keydown', function (e) {
    var el = e.target;
    if (e.key === 'Enter' && el.tagName === 'INPUT' && el.type === 'text' && el.getAttribute('name')) {
      e.preventDefault();
      save(el);
      return;
    }
    if (e.key !== 'Enter' || !el.dataset || el.dataset.new === undefined || e.shiftKey) return;
    e.preventDefault();
    var adder = el.closest('.itogi-adder');
    add(adder, adder.querySelector('[data-op="add"]'));
  });
  aside.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button[data-op]') : null;
    if (!b || !form.contains(b)) return;
    var op = b.dataset.op;
    if (op === 'add') add(b.closest('.itogi-adder'), b);
    else if (op === 'remove') post({ op: 'remove', name: b.dataset.path }, function () {});
    else if (op === 'move') post({ op: 'move', name: b.dataset.path, to: Number(b.dataset.to) }, function () {});
    else if (op === 'undo') post({ op: 'undo' }, function () {});
  });
  // The slides were refreshed (live.js): the file changed, perhaps in another program.
  document.addEventListener('itogi:changed', function () { reload(false); });
})();
`;
