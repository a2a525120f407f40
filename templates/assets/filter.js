// Instant filtering of a region's classes and venues. The script fetches every row of the
// region as JSON (preformatted text, in a file beside the page, so the page itself stays
// light), then shows the form and the matching rows, at most 100 at a time. Without
// JavaScript (or when the file cannot be fetched) the pre-rendered, paged filter pages
// ("Filtrer uden JavaScript") do the same job.
(function () {
  "use strict";
  var form = document.getElementById("filter-form");
  if (!form) { return; }
  var table = document.getElementById(form.getAttribute("data-tabel"));
  var count = document.getElementById("antal");
  var pager = document.getElementById("sider");
  if (!table || !count) { return; }
  var rows = [];
  var body = table.tBodies[0];
  var LIMIT = 100;

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

  fetch(form.getAttribute("data-rader"))
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.url); }
      return response.json();
    })
    .then(function (data) {
      // Each row names its course and provider by position in the file's lists.
      rows = data.rader.map(function (r) {
        var course = data.kurser[r[0]];
        var provider = data.udbydere[r[4]];
        return {
          titel: course[0], href: course[1], type: course[2], typenavn: course[3],
          erhverv: course[4], emner: course[5], start: r[1], snart: r[2] === 1, sted: r[3],
          udbyder: provider[0], udbyderhref: provider[1], pris: r[5]
        };
      });
      form.addEventListener("change", update);
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
      form.hidden = false;
      update();
    })
    .catch(function () { /* the filter links below the form still work */ });
})();
