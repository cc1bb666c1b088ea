// Repeat detection as you type, on the desk's new-claim form (views/partials/desk/similar-claims.hbs).
// Without this script the form still works: saving a claim like existing ones shows them first.
// Everything shown comes from /desk/claims/similar as text (textContent), never as HTML.
/* global window, document, fetch, AbortController, setTimeout, clearTimeout */
(function () {
  'use strict';
  var section = document.getElementById('similar');
  var text = document.getElementById('f-text');
  if (!section || !text || !window.fetch) return;
  var form = text.form;
  var list = section.querySelector('.similar-list');
  var status = document.getElementById('similar-status');
  var seen = section.querySelector('input[name="similar_seen"]');
  var timer = null;
  var controller = null;
  var asked = text.value.trim();

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  // "Link as repeat": the same field the server's own buttons send, then the form is submitted as
  // typed. A plain button, so pressing Enter in a field still saves the form rather than linking.
  function linkAsRepeat(id) {
    var input = form.querySelector('input[name="repeat_of"][type="hidden"]') || el('input');
    input.type = 'hidden';
    input.name = 'repeat_of';
    input.value = String(id);
    form.appendChild(input);
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function item(claim) {
    var li = el('li');
    var first = el('p', 'similar-text');
    var link = el('a', null, '#' + claim.id);
    link.href = claim.href;
    first.appendChild(link);
    first.appendChild(document.createTextNode(' '));
    first.appendChild(el('strong', null, claim.claimant));
    first.appendChild(document.createTextNode(': ' + claim.text));
    li.appendChild(first);
    var verdict = el('p', 'similar-meta', section.dataset.verdict + ' ');
    verdict.appendChild(el('span', 'verdict verdict-' + claim.verdict.key, claim.verdict.label));
    if (claim.draft) verdict.appendChild(document.createTextNode(' · ' + claim.draft));
    li.appendChild(verdict);
    var disputes = el('p', 'similar-meta', claim.disputes.length ? section.dataset.inDispute + ' ' : section.dataset.noDispute);
    claim.disputes.forEach(function (d, i) {
      if (i) disputes.appendChild(document.createTextNode('; '));
      var a = el('a', null, d.question);
      a.href = d.href;
      disputes.appendChild(a);
    });
    li.appendChild(disputes);
    var button = el('button', null, section.dataset.link);
    button.type = 'button';
    button.appendChild(el('span', 'visually-hidden', ' ' + claim.linkHidden));
    button.addEventListener('click', function () {
      linkAsRepeat(claim.id);
    });
    li.appendChild(button);
    return li;
  }

  function show(answer) {
    // The server's "Save anyway" belongs to the list it showed; this list replaces that one.
    var saveAnyway = section.querySelector('button[name="similar"]');
    if (saveAnyway) saveAnyway.remove();
    list.replaceChildren.apply(list, answer.data.map(item));
    seen.value = answer.data
      .map(function (c) {
        return c.id;
      })
      .join(',');
    status.textContent = answer.found;
    section.hidden = answer.data.length === 0;
  }

  function lookUp() {
    var value = text.value.trim();
    if (value === asked) return;
    asked = value;
    if (controller) controller.abort();
    if (value.length < 12) {
      show({ data: [], found: '' });
      return;
    }
    controller = new AbortController();
    var url = section.dataset.endpoint + '?text=' + encodeURIComponent(value.slice(0, 4000));
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: controller.signal })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer && text.value.trim() === value) show(answer);
      })
      .catch(function () {
        // A lookup that failed or was overtaken by the next one: the form works without it.
      });
  }

  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 350);
  });
})();
