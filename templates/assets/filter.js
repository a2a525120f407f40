// Instant filtering of a region's classes and venues. The page embeds every row as JSON
// (preformatted text); the script shows the matching rows, at most 100 at a time. Without
// JavaScript the pre-rendered, paged filter pages ("Filtrer uden JavaScript") do the same job.
(function () {
  "use strict";
  var form = document.getElementById("filter-form");
  if (!form) { return; }
  var table = document.getElementById(form.getAttribute("data-tabel"));
  var data = document.getElementById(form.getAttribute("data-rader"));
  var count = document.getElementById("antal");
  var pager = document.getElementById("sider");
  if (!table || !data || !count) { return; }
  var rows = JSON.parse(data.textContent);
  var body = table.tBodies[0];
  var LIMIT = 100;
  form.hidden = false;

  function cell(tag, text, href) {
    var element = document.createElement(tag);
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      element.appendChild(link);
    } else {
      element.textContent = text;
    }
    return element;
  }

  function render(row) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-type", row.type);
    var title = cell("th", row.titel, row.href);
    title.scope = "row";
    tr.appendChild(title);
    tr.appendChild(cell("td", row.typenavn));
    tr.appendChild(cell("td", row.start));
    tr.appendChild(cell("td", row.sted));
    tr.appendChild(cell("td", row.udbyder, row.udbyderhref));
    tr.appendChild(cell("td", row.pris));
    return tr;
  }

  function update() {
    var type = form.elements.type.value;
    var erhverv = form.elements.erhverv.value;
    var emne = form.elements.emne.value;
    var snart = form.elements.snart.checked;
    var matches = rows.filter(function (row) {
      return (!type || row.type === type) &&
        (!erhverv || row.erhverv.indexOf(erhverv) !== -1) &&
        (!emne || row.emner.indexOf(emne) !== -1) &&
        (!snart || row.snart);
    });
    while (body.firstChild) { body.removeChild(body.firstChild); }
    matches.slice(0, LIMIT).forEach(function (row) { body.appendChild(render(row)); });
    var text = matches.length + (matches.length === 1 ? " række" : " rækker");
    if (matches.length > LIMIT) { text += ", de første " + LIMIT + " vises"; }
    count.textContent = text;
    if (pager) { pager.hidden = true; }
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  update();
})();
