// "Add another source" in place on the desk's claim form (views/partials/desk/citation-row.hbs).
// Without this script the button is a submit: the server draws the form again with one more empty
// row and everything typed kept, saving nothing. With it, the empty row in <template id="citation-template">
// (drawn and escaped by the server, with __INDEX__ and __NUMBER__ for its place) is copied in place.
/* global document */
(function () {
  'use strict';
  var button = document.getElementById('add-citation');
  var template = document.getElementById('citation-template');
  var status = document.getElementById('citation-status');
  if (!button || !template || !('content' in template)) return;
  var rows = button.form.querySelector('.citation-rows');
  // A plain button, so pressing Enter in a field still saves the form rather than adding a row.
  button.type = 'button';
  button.removeAttribute('name');

  button.addEventListener('click', function () {
    var index = rows.querySelectorAll('fieldset.citation').length;
    var number = String(index + 1);
    var html = template.innerHTML.split('__INDEX__').join(String(index)).split('__NUMBER__').join(number);
    var holder = document.createElement('div');
    holder.innerHTML = html;
    var row = holder.querySelector('fieldset.citation');
    rows.appendChild(row);
    if (status) status.textContent = status.dataset.added.split('__NUMBER__').join(number);
    var first = row.querySelector('select');
    if (first) first.focus();
  });
})();
