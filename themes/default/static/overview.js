/* The overview matrix's filter: by product and by principle. Without JavaScript the form
   stays hidden and the matrix shows everything. An item without products, or with "all",
   applies to every product. */
(function () {
  'use strict';
  var form = document.querySelector('form.matrix-filter');
  if (!form) return;
  var product = form.elements.product, principle = form.elements.principle;
  function applies(row) {
    if (!product.value) return true;
    var list = (row.getAttribute('data-products') || '').split(' ').filter(Boolean);
    return list.length === 0 || list.indexOf('all') >= 0 || list.indexOf(product.value) >= 0;
  }
  function apply() {
    document.querySelectorAll('table.matrix tbody').forEach(function (group) {
      var inPrinciple = !principle.value || group.getAttribute('data-principle') === principle.value;
      group.hidden = !inPrinciple;
      group.querySelectorAll('tr').forEach(function (row) {
        row.hidden = !inPrinciple || !applies(row);
      });
    });
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
