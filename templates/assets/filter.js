// Instant filtering of a region's classes and places. The script fetches every row of the
// region as JSON (preformatted text, in a file beside the page, so the page itself stays
// light), then shows the form and the matching cards, at most 100 at a time, in the same
// groups and markup as the page (site_build/render.py RowHtml). The chosen filter is kept in
// the address (?type=…&erhverv=…&emne=…&online=1&snart=1), so it can be shared and
// bookmarked and the back button returns to the filter before. Without JavaScript (or when
// the file cannot be fetched) the pre-rendered filter pages do the same job.
(function () {
  "use strict";
  var form = document.getElementById("filter-form");
  if (!form) { return; }
  var list = document.getElementById(form.getAttribute("data-liste"));
  var count = document.getElementById("antal");
  var pager = document.getElementById("sider");
  if (!list || !count) { return; }
  var GROUPS = ["Kommende hold", "Steder uden offentliggjorte datoer", "Afsluttede og aflyste hold"];
  var FACETS = ["type", "erhverv", "emne"];
  var LIMIT = 100;
  var page = form.getAttribute("data-side");
  var region = form.getAttribute("data-region");
  var hasOnline = form.getAttribute("data-online") === "1";
  var files = ["hent-kalender", "hent-feed", "hent-csv"].map(function (id) {
    var link = document.getElementById(id);
    return link ? { link: link, home: link.getAttribute("href") } : null;
  }).filter(Boolean);
  var NAMES = { "hent-kalender": "kalender.ics", "hent-feed": "nye-hold.xml", "hent-csv": "hold.csv" };
  var note = document.getElementById("filer-note");
  var rows = [];

  function element(tag, text, attributes) {
    var made = document.createElement(tag);
    if (text !== null) { made.textContent = text; }
    Object.keys(attributes || {}).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    return made;
  }

  function link(text, href, attributes) {
    var made = element("a", text, attributes);
    made.setAttribute("href", href);
    return made;
  }

  function fact(label, values) {
    var box = document.createElement("div");
    box.appendChild(element("dt", label));
    values.forEach(function (value) { box.appendChild(value); });
    return box;
  }

  function card(row) {
    var item = element("li", null, { "class": "kort", "data-type": row.type });
    var heading = document.createElement("h4");
    heading.appendChild(link(row.titel, row.href));
    item.appendChild(heading);
    item.appendChild(element("p", row.typenavn, { "class": "kort-type" }));
    var facts = element("dl", null, { "class": "kort-fakta" });
    facts.appendChild(fact("Start", [element("dd", row.start)]));
    var label = row.steder.length > 1 ? "Steder" : "Sted";
    var providers = row.steder.map(function (where) { return where.udbyderhref; });
    if (providers.every(function (href) { return href === providers[0]; })) {
      // the places, then the one provider
      facts.appendChild(fact(label, row.steder.map(function (where) { return element("dd", where.tekst); })));
      var teacher = document.createElement("dd");
      teacher.appendChild(link(row.steder[0].udbyder, row.steder[0].udbyderhref));
      facts.appendChild(fact("Udbyder", [teacher]));
    } else { // each place with its provider
      facts.appendChild(fact(label, row.steder.map(function (where) {
        var value = element("dd", where.tekst + " · ");
        value.appendChild(link(where.udbyder, where.udbyderhref));
        return value;
      })));
    }
    facts.appendChild(fact("Pris", [element("dd", row.pris)]));
    item.appendChild(facts);
    if (row.status) { item.appendChild(element("p", row.status, { "class": "kort-status" })); }
    if (row.tilmelding) {
      var signup = document.createElement("p");
      signup.appendChild(link("Tilmeld dig", row.tilmelding, { "class": "knap", rel: "nofollow noopener" }));
      item.appendChild(signup);
    }
    return item;
  }

  function chosen() {
    var state = {};
    FACETS.forEach(function (name) { state[name] = form.elements[name].value; });
    state.online = form.elements.online.checked;
    state.snart = form.elements.snart.checked;
    return state;
  }

  function matches(row, state) {
    return FACETS.every(function (name) {
      var wanted = state[name];
      return !wanted || (name === "type" ? row.type === wanted : row[name].indexOf(wanted) !== -1);
    }) && (!state.online || row.online) && (!state.snart || row.snart);
  }

  function empty(state) {
    var box = element("p", null, { "class": "tom" });
    var what = state.snart ? "Ingen hold starter inden for 3 måneder" : "Ingen hold eller steder";
    box.appendChild(document.createTextNode(what + " i " + region + " med de valgte filtre. Prøv at fjerne et filter, eller "));
    box.appendChild(link("vis alle i " + region, page));
    box.appendChild(document.createTextNode("."));
    return box;
  }

  // The files of the filter page that shows the same list, when one exists.
  function filesFor(state) {
    var facets = FACETS.filter(function (name) { return state[name]; });
    if (state.snart) { return null; }
    if (facets.length === 1 && !state.online) { return page + facets[0] + "/" + state[facets[0]] + "/"; }
    if (facets.length === 0 && state.online && hasOnline) { return page + "form/online/"; }
    return facets.length === 0 && !state.online ? "" : null;
  }

  function showFiles(state) {
    var folder = filesFor(state);
    files.forEach(function (file) {
      file.link.setAttribute("href", folder ? folder + NAMES[file.link.id] : file.home);
    });
    if (note) { note.hidden = folder !== null; }
  }

  function show(state) {
    var found = rows.filter(function (row) { return matches(row, state); });
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var shown = found.slice(0, LIMIT);
    if (!found.length) {
      list.appendChild(empty(state));
    } else if (!found.some(function (row) { return row.gruppe === 0; })) {
      var filtered = FACETS.some(function (name) { return state[name]; }) || state.online || state.snart;
      list.appendChild(element("p", "Ingen kommende hold er offentliggjort i " + region +
        (filtered ? " med de valgte filtre" : "") + ". Datoerne står ofte kun hos udbyderen; " +
        "følg kalenderen eller nyhedsfeedet nedenfor for at få besked om nye hold.", { "class": "tom" }));
    }
    GROUPS.forEach(function (title, group) {
      var members = shown.filter(function (row) { return row.gruppe === group; });
      if (!members.length) { return; }
      list.appendChild(element("h3", title));
      var cards = element("ul", null, { "class": "kort-liste" });
      members.forEach(function (row) { cards.appendChild(card(row)); });
      list.appendChild(cards);
    });
    var number = function (n) { return n.toLocaleString("da-DK"); };
    var text = found.length === rows.length ? number(found.length) + " på listen" :
      number(found.length) + " af " + number(rows.length) + " på listen";
    if (found.length > LIMIT) { text += ", de første " + LIMIT + " vises"; }
    count.textContent = text;
    if (pager) { pager.hidden = true; }
    showFiles(state);
  }

  function readAddress() {
    var params = new URLSearchParams(location.search);
    FACETS.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
    form.elements.online.checked = params.get("online") === "1";
    form.elements.snart.checked = params.get("snart") === "1";
  }

  function address(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
    if (state.online) { params.set("online", "1"); }
    if (state.snart) { params.set("snart", "1"); }
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function changed() {
    var state = chosen();
    var next = address(state);
    if (next !== location.pathname + location.search) { history.pushState(null, "", next); }
    show(state);
  }

  fetch(form.getAttribute("data-rader"))
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.url); }
      return response.json();
    })
    .then(function (data) {
      // Each row names its course and providers by position in the file's lists.
      rows = data.rader.map(function (r) {
        var course = data.kurser[r[0]];
        return {
          titel: course[0], href: course[1], type: course[2], typenavn: course[3],
          erhverv: course[4], emne: course[5], gruppe: r[1], start: r[2], snart: r[3] === 1,
          online: r[4] === 1, pris: r[6], status: r[7], tilmelding: r[8],
          steder: r[5].map(function (where) {
            var provider = data.udbydere[where[1]];
            return { tekst: where[0], udbyder: provider[0], udbyderhref: provider[1] };
          })
        };
      });
      form.addEventListener("change", changed);
      form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
      window.addEventListener("popstate", function () { readAddress(); show(chosen()); });
      form.hidden = false;
      var links = document.getElementById("filterlinks");
      if (links) { links.hidden = true; } // the form does what the links do
      readAddress();
      show(chosen());
    })
    .catch(function () { /* the filter links below the form still work */ });
})();
