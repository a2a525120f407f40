// Search page: Pagefind's index in the browser (no server), filters with counts, the query
// and filters kept in the address so a search can be shared, and "mente du …?" when nothing
// matches. The result count is announced through a polite live region (role="status").
const form = document.getElementById("soeg");
const input = document.getElementById("q");
const status = document.getElementById("soeg-status");
const meant = document.getElementById("mente");
const list = document.getElementById("resultater");
const facetBox = document.getElementById("facetter");
const root = form.dataset.rod;
const SHOWN = 20;
const FEW = 3; // fewer results than this, and the search is widened (see widen)
const SUGGEST_BELOW = 10; // fewer results than this, and a better spelling is looked for
let words = null; // the catalogue's words, fetched the first time a search finds little
let compounds = null; // the parts of the catalogue's compound words, fetched with them
let latest = 0; // number of the latest search; older answers are dropped

function chosenFilters() {
  const chosen = {};
  for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
    (chosen[box.name] = chosen[box.name] || []).push(box.value);
  }
  return chosen;
}

function pagefindFilters(chosen) {
  const filters = {};
  for (const [key, values] of Object.entries(chosen)) {
    filters[key] = { any: values }; // any of a facet's values; every facet must match
  }
  return filters;
}

function writeAddress(term, chosen) {
  const params = new URLSearchParams();
  if (term) params.set("q", term);
  for (const [key, values] of Object.entries(chosen)) {
    for (const value of values) params.append(key, value);
  }
  const query = params.toString();
  history.replaceState(null, "", query ? "?" + query : location.pathname);
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

function fold(text) {
  return text.normalize("NFC").toLowerCase()
    .replace(/ä/g, "æ").replace(/ö/g, "ø").replace(/[éèêë]/g, "e").replace(/[áàâ]/g, "a");
}

// Damerau-Levenshtein distance, as catalogue/danish.py computes it.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j], before[j - 2] + 1);
      }
    }
    if (Math.min(...current) > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

function closest(word, known) {
  const limit = word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
  if (limit === 0 || known.has(word)) return null;
  let best = null;
  let bestDistance = limit + 1;
  for (const candidate of known.keys()) { // most frequent first: the first at a distance wins
    if (limit < 2 && candidate[0] !== word[0]) continue;
    const d = distance(word, candidate, limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

async function loadWords() {
  if (words === null) {
    const response = await fetch(form.dataset.ordliste);
    const list = await response.json();
    words = new Map(list.ord.map((w, i) => [w, i]));
    compounds = list.dele;
  }
}

// The query with each compound word written as its parts ("akutsygeplejerske" → "akut
// sygeplejerske"), as catalogue/danish.py split the catalogue's words; a query word the
// catalogue lacks takes the parts of its nearest catalogue word. Null when nothing splits.
async function splitQuery(term) {
  await loadWords();
  const parts = fold(term).match(/[\p{L}\p{N}]+/gu) || [];
  const partsOf = (w) => (w !== null && Object.hasOwn(compounds, w) ? compounds[w] : null);
  const split = parts.map((w) => (partsOf(w) || partsOf(closest(w, words)) || [w]).join(" "));
  return split.join(" ") !== parts.join(" ") ? split.join(" ") : null;
}

async function suggestion(term) {
  await loadWords();
  const parts = fold(term).match(/[\p{L}\p{N}]+/gu) || [];
  const fixed = parts.map((w) => closest(w, words) || w);
  return fixed.join(" ") !== parts.join(" ") ? fixed.join(" ") : null;
}

function decode(piece) {
  // Entities to text: a textarea's content is parsed as text, so no markup is ever created.
  const area = document.createElement("textarea");
  area.innerHTML = piece;
  return area.value;
}

function excerptNodes(excerpt) {
  // Pagefind marks matches with <mark>; everything else is shown as text, never as markup.
  const nodes = [];
  excerpt.split(/(<mark>|<\/mark>)/).reduce((marked, piece) => {
    if (piece === "<mark>") return true;
    if (piece === "</mark>") return false;
    const text = decode(piece);
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(text));
    }
    return marked;
  }, false);
  return nodes;
}

function showResult(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = root + data.url.replace(/^\//, "");
  link.textContent = data.meta.title;
  heading.appendChild(link);
  item.appendChild(heading);
  if (data.meta.type) {
    const kind = document.createElement("p");
    kind.className = "type";
    kind.textContent = data.meta.type;
    item.appendChild(kind);
  }
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt || ""));
  item.appendChild(excerpt);
  return item;
}

function showCounts(counts) {
  for (const span of facetBox.querySelectorAll(".antal-facet")) {
    const count = (counts[span.dataset.facet] || {})[span.dataset.value] || 0;
    span.textContent = "(" + count + ")";
  }
}

function showMeant(term, better, replaced) {
  meant.hidden = better === null;
  meant.replaceChildren();
  if (better === null) return;
  const link = document.createElement("a");
  link.href = "?" + new URLSearchParams({ q: better }).toString();
  link.textContent = better;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    input.value = better;
    form.requestSubmit();
  });
  const before = replaced ? "Ingen resultater for \u201d" + term + "\u201d. " : "";
  const after = replaced ? "\u201d? Viser resultater for \u201d" + better + "\u201d." : "\u201d?";
  meant.append(before + "Mente du \u201d", link, after);
}

function countText(count) {
  return count === 1 ? "1 uddannelse fundet" : count + " uddannelser fundet";
}

// A query with several words finds courses with all of them. When that gives fewer than FEW,
// courses with all words but one follow (as `evu search` ranks courses with some words after
// those with all), so a word that is in no course ("bliv sygeplejerske") does not empty the
// list. The counts then follow the widest of those searches.
async function widen(pagefind, term, filters, first) {
  const words = term.split(/\s+/).filter(Boolean);
  if (words.length < 2 || first.results.length >= FEW) return first;
  const seen = new Set(first.results.map((r) => r.id));
  const more = [];
  let widest = first;
  for (let i = 0; i < words.length; i++) {
    const rest = await pagefind.search(words.filter((_, j) => j !== i).join(" "), { filters });
    if (rest.results.length > widest.results.length) widest = rest;
    for (const r of rest.results) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        more.push(r);
      }
    }
  }
  more.sort((a, b) => b.score - a.score);
  return { results: first.results.concat(more), filters: widest.filters };
}

async function run(pagefind) {
  const number = ++latest;
  const term = input.value.trim();
  const chosen = chosenFilters();
  writeAddress(term, chosen);
  const filters = pagefindFilters(chosen);
  const anything = term !== "" || Object.keys(chosen).length > 0;
  let search = await pagefind.search(term || null, { filters });
  if (term) search = await widen(pagefind, term, filters, search);
  if (term && search.results.length < FEW) {
    const split = await splitQuery(term);
    if (split) {
      const parts = await widen(pagefind, split, filters, await pagefind.search(split, { filters }));
      const seen = new Set(search.results.map((r) => r.id));
      const more = parts.results.filter((r) => !seen.has(r.id));
      search = { results: search.results.concat(more), filters: more.length ? parts.filters : search.filters };
    }
  }
  let meantWord = null;
  let replaced = false;
  if (term && search.results.length < SUGGEST_BELOW) {
    const better = await suggestion(term);
    if (better) {
      const retry = await widen(pagefind, better, filters, await pagefind.search(better, { filters }));
      if (retry.results.length > search.results.length) {
        meantWord = better;
        replaced = search.results.length === 0;
        if (replaced) search = retry;
      }
    }
  }
  if (number !== latest) return; // a newer search has started
  const shown = anything ? await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data())) : [];
  if (number !== latest) return;
  list.replaceChildren(...shown.map(showResult));
  list.dataset.soegning = term + "|" + new URLSearchParams(location.search).toString();
  showCounts(anything ? search.filters || {} : await pagefind.filters());
  showMeant(term, meantWord, replaced);
  status.textContent = anything
    ? countText(search.results.length) + (search.results.length > SHOWN ? " (viser de første " + SHOWN + ")" : "")
    : "Skriv et søgeord, eller vælg et filter.";
}

async function start() {
  const pagefind = await import(form.dataset.pagefind);
  await pagefind.options({ excerptLength: 24 });
  await pagefind.init();
  facetBox.hidden = false;
  readAddress();
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(pagefind), 250);
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") run(pagefind);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(pagefind);
  });
  window.addEventListener("popstate", () => {
    readAddress();
    run(pagefind);
  });
  await run(pagefind);
}

start().catch(() => {
  status.textContent = "Søgningen kunne ikke indlæses. Prøv at genindlæse siden.";
});
