// Instant filtering of a region's table. Without JavaScript the pre-rendered filter pages
// (links under "Filtrer uden JavaScript") do the same job.
(function () {
  "use strict";
  var form = document.getElementById("filter-form");
  if (!form) { return; }
  var table = document.getElementById(form.getAttribute("data-tabel"));
  var count = document.getElementById("antal");
  if (!table || !count) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  form.hidden = false;

  function update() {
    var type = form.elements.type.value;
    var erhverv = form.elements.erhverv.value;
    var emne = form.elements.emne.value;
    var snart = form.elements.snart.checked;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!type || row.getAttribute("data-type") === type) &&
        (!erhverv || row.getAttribute("data-erhverv").indexOf(" " + erhverv + " ") !== -1) &&
        (!emne || row.getAttribute("data-emne").indexOf(" " + emne + " ") !== -1) &&
        (!snart || row.getAttribute("data-snart") === "ja");
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " række" : " rækker");
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  update();
})();
