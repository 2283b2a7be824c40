// huskurage serve: the live preview. The form works without this
// script; with it, the pages are shown as they will print, and the
// problems beside their inputs, a moment after the user stops typing.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var texts = document.getElementById('texts-status');
  var main = document.getElementById('main');
  if (main) { preview(main); }
  var batch = document.getElementById('batch');
  if (batch) { progress(batch); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function preview(form) {
    var pages = document.getElementById('pages');
    var status = document.getElementById('preview-status');
    var summary = document.getElementById('summary');
    var timer = null, running = false, again = false, seq = 0;

    function schedule(delay) {
      clearTimeout(timer);
      timer = setTimeout(run, delay);
    }
    // A logo larger than the loader takes (data-max) is not sent, which
    // could make the form larger than the server takes: its size alone
    // is, and the server names the problem beside the logo.
    function oversize() {
      var input = form.querySelector('input[type=file][data-max]');
      var file = input && input.files && input.files[0];
      if (file && file.size > Number(input.dataset.max)) { return { input: input, file: file }; }
      return null;
    }
    form.addEventListener('submit', function () {
      var big = oversize();
      if (!big) { return; }
      [['landlord.logo.size', String(big.file.size)], ['landlord.logo.name', big.file.name]].forEach(function (kv) {
        var h = form.querySelector('input[type=hidden][name="' + kv[0] + '"]');
        if (!h) { h = el('input'); h.type = 'hidden'; h.name = kv[0]; form.appendChild(h); }
        h.value = kv[1];
      });
      big.input.value = '';
    });
    form.addEventListener('input', function () { schedule(500); });
    form.addEventListener('change', function () { schedule(200); });

    function run() {
      if (running) { again = true; return; }
      running = true;
      var mine = ++seq;
      pages.classList.add('stale');
      status.textContent = texts.dataset.wait;
      var body = new FormData(form);
      body.delete('do');
      var big = oversize();
      if (big) {
        body.delete(big.input.name);
        body.set('landlord.logo.size', String(big.file.size));
        body.set('landlord.logo.name', big.file.name);
      }
      fetch('/preview', { method: 'POST', body: body }).then(function (r) {
        if (r.status === 503) {
          // As long as the server asks (Retry-After, in seconds).
          var wait = parseInt(r.headers.get('Retry-After'), 10);
          status.textContent = texts.dataset.busy;
          schedule(1000 * Math.min(isNaN(wait) ? 2 : wait, 30));
          return null;
        }
        if (!r.ok) { throw new Error(r.status + ' ' + r.statusText); }
        return r.json();
      }).then(function (ans) {
        if (ans && mine === seq) { show(ans); }
      }).catch(function (e) {
        status.textContent = String(e);
      }).finally(function () {
        running = false;
        if (again) { again = false; run(); }
      });
    }

    function show(ans) {
      // Each input's messages: cleared, then the answer's.
      Array.prototype.forEach.call(form.querySelectorAll('.field-messages'), function (m) {
        m.textContent = '';
        m.hidden = true;
      });
      Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (i) {
        i.removeAttribute('aria-invalid');
      });
      function place(list, cls) {
        list.forEach(function (p) {
          if (!p.ID) { return; }
          var m = document.getElementById(p.ID + '-err');
          if (m) {
            m.appendChild(el('p', cls, p.Text));
            m.hidden = false;
          }
          var input = document.getElementById(p.ID);
          if (input && cls === 'problem' && /^(INPUT|SELECT)$/.test(input.tagName)) {
            input.setAttribute('aria-invalid', 'true');
          }
        });
      }
      place(ans.problems, 'problem');
      place(ans.warnings, 'warning');
      // The summary at the top.
      summary.textContent = '';
      summary.className = 'summary' + (ans.problems.length ? '' : ans.warnings.length ? ' warn' : ' ok');
      function list(title, items) {
        summary.appendChild(el('h2', '', title));
        var ul = el('ul');
        items.forEach(function (p) {
          var li = el('li');
          if (p.ID) {
            var a = el('a', '', p.Label);
            a.href = '#' + p.ID;
            li.appendChild(a);
            li.appendChild(document.createTextNode(': '));
          } else if (p.Label) {
            li.appendChild(document.createTextNode(p.Label + ': '));
          }
          li.appendChild(document.createTextNode(p.Text));
          ul.appendChild(li);
        });
        summary.appendChild(ul);
      }
      if (ans.problems.length) { list(texts.dataset.problems, ans.problems); }
      else { summary.appendChild(el('p', '', texts.dataset.ok)); }
      if (ans.warnings.length) { list(texts.dataset.warnings, ans.warnings); }
      summary.hidden = false;
      // The pages: kept as they were while there are problems.
      if (ans.pages.length || !ans.problems.length) {
        pages.textContent = '';
        ans.pages.forEach(function (p) {
          var fig = el('figure');
          var img = el('img');
          img.src = p.Src;
          img.alt = p.Title;
          img.width = p.W;
          img.height = p.H;
          fig.appendChild(img);
          fig.appendChild(el('figcaption', '', p.Title));
          pages.appendChild(fig);
        });
        pages.classList.remove('stale');
      }
      status.textContent = texts.dataset.help + (ans.note ? ' ' + ans.note : '');
    }
    // A page that comes back with values shows their pages at once.
    if (form.querySelector('input[type=text][value]:not([value=""])')) { schedule(0); }
  }

  // The municipality's batch: the progress of each property as it is
  // made, the problems by row, and the ZIP file at the end. The answer is
  // lines of JSON, then after a line {"zip": N} the N bytes of the file.
  function progress(form) {
    var section = document.getElementById('progress');
    var bar = document.getElementById('progress-bar');
    var text = document.getElementById('progress-text');
    var problems = document.getElementById('progress-problems');
    var save = document.getElementById('progress-save');
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      section.hidden = false;
      problems.textContent = '';
      save.textContent = '';
      text.textContent = '';
      bar.value = 0;
      var body = new FormData(form);
      fetch('/kommun', { method: 'POST', body: body, headers: { 'Accept': 'application/x-ndjson' } }).then(function (r) {
        if (!r.ok && r.headers.get('Content-Type') !== 'application/x-ndjson') {
          return r.text().then(function (t) { throw new Error(t); });
        }
        return read(r.body.getReader());
      }).catch(function (e) {
        text.textContent = texts.dataset.stopped + ' ' + e.message;
      });
    });

    function read(reader) {
      var buf = new Uint8Array(0), zip = -1, parts = [], got = 0, failed = 0, total = 0;
      var dec = new TextDecoder();
      function line(obj) {
        if (obj.stopped) {
          obj.stopped.forEach(function (s) { problems.appendChild(el('li', '', s)); });
          text.textContent = texts.dataset.stopped;
          return;
        }
        if (obj.zip !== undefined) { zip = obj.zip; return; }
        total = obj.total;
        bar.max = obj.total;
        bar.value = obj.done;
        if (obj.problems) {
          failed++;
          var li = el('li');
          li.appendChild(el('strong', '', obj.where + ': '));
          obj.problems.forEach(function (p) { li.appendChild(el('code', '', p)); li.appendChild(el('br')); });
          problems.appendChild(li);
        }
        text.textContent = obj.done + ' / ' + obj.total;
      }
      function pump() {
        return reader.read().then(function (r) {
          if (r.value) {
            if (zip >= 0) { parts.push(r.value); got += r.value.length; }
            else {
              var joined = new Uint8Array(buf.length + r.value.length);
              joined.set(buf); joined.set(r.value, buf.length); buf = joined;
              var nl;
              while (zip < 0 && (nl = buf.indexOf(10)) >= 0) {
                line(JSON.parse(dec.decode(buf.subarray(0, nl))));
                buf = buf.subarray(nl + 1);
              }
              if (zip >= 0 && buf.length) { parts.push(buf); got += buf.length; buf = new Uint8Array(0); }
            }
          }
          if (!r.done) { return pump(); }
          text.textContent = texts.dataset.done.replace('%d', total).replace('%d', failed);
          if (zip >= 0 && got === zip) {
            var a = el('a', '', texts.dataset.save);
            a.href = URL.createObjectURL(new Blob(parts, { type: 'application/zip' }));
            a.download = 'huskurage.zip';
            save.appendChild(a);
            a.click();
          }
        });
      }
      return pump();
    }
  }
})();
