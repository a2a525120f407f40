// Search page: Pagefind's index in the browser (no server), filters with counts, the query
// and filters kept in the address so a search can be shared, and "mente du …?" when nothing
// matches. The result count is announced through a polite live region (role="status").
// Each result is a card with the course's next start, place, price and size, and a snippet
// made from the course's visible text alone (never the hidden search enrichment), with the
// words that match the query highlighted as whole words.
const form = document.getElementById("soeg");
const input = document.getElementById("q");
const status = document.getElementById("soeg-status");
const meant = document.getElementById("mente");
const list = document.getElementById("resultater");
const facetBox = document.getElementById("facetter");
const chosenCount = document.getElementById("valgt");
const chosenBox = document.getElementById("valgte");
const toFilters = document.getElementById("til-filtre");
const filterBox = document.getElementById("filtre");
const more = document.getElementById("flere");
const root = form.dataset.rod;
const STOP = new Set(form.dataset.stopord.split(" "));
const SHOWN = 20;
const SNIPPET_WORDS = 26;
// Past one-off events (every date passed) carry a filter of their own and score this share
// of their relevance, as in `evu search` (catalogue/search/document.py PAST_FACTOR).
const [PAST_KEY, PAST_VALUE, PAST_FACTOR] = form.dataset.forbi.split(":");
let past = null; // ids of the past events' pages, fetched once
const FEW = 3; // fewer results than this, and the search is widened (see widen)
const SUGGEST_BELOW = 10; // fewer results than this, and a better spelling is looked for
let words = null; // the catalogue's words, fetched the first time a search finds little
let compounds = null; // the parts of the catalogue's compound words, fetched with them
let latest = 0; // number of the latest search; older answers are dropped
let shownResults = []; // the latest search's results, for "Vis flere"

function boxes() {
  return Array.from(form.elements).filter((element) => element.type === "checkbox");
}

function chosenFilters() {
  const chosen = {};
  for (const box of boxes().filter((b) => b.checked)) {
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
  for (const box of boxes()) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

function fold(text) {
  return text.normalize("NFC").toLowerCase()
    .replace(/ä/g, "æ").replace(/ö/g, "ø").replace(/[éèêë]/g, "e").replace(/[áàâ]/g, "a");
}

// Damerau-Levenshtein distance, as catalogue/search/danish.py computes it.
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
// sygeplejerske"), as catalogue/search/danish.py split the catalogue's words; a query word the
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

// A text word is a match for a query word when it is the word, starts with it ("demens" →
// "demensramte"), ends with it ("sygepleje" → "kræftsygepleje"), or is the query word less an
// ending of one or two letters ("sygeplejersker" → "sygeplejerske"); never a short word that
// only begins the query word ("dem" is no match for "demens").
function matchesWord(word, query) {
  if (word === query) return true;
  if (query.length >= 3 && word.startsWith(query)) return true;
  if (query.length >= 5 && word.endsWith(query)) return true;
  return word.length >= 4 && query.startsWith(word) && query.length - word.length <= 2;
}

// The snippet: the stretch of the visible text with the most query words, as nodes (the
// matched words in <mark>), never markup from the text.
function snippetNodes(text, term) {
  const queries = [...new Set((fold(term).match(/[\p{L}\p{N}]+/gu) || []).filter(
    (w) => w.length >= 2 && !STOP.has(w)))];
  const pieces = text.split(/(\s+)/);
  const words = [];
  pieces.forEach((piece, at) => { if (piece.trim()) words.push(at); });
  const hits = words.map((at) => {
    const bare = fold(pieces[at]).match(/[\p{L}\p{N}]+/gu) || [];
    return queries.findIndex((q) => bare.some((w) => matchesWord(w, q)));
  });
  let best = 0;
  let bestScore = -1;
  for (let first = 0; first < Math.max(1, words.length - SNIPPET_WORDS + 1); first++) {
    const found = new Set(hits.slice(first, first + SNIPPET_WORDS).filter((h) => h >= 0));
    if (found.size > bestScore) {
      best = first;
      bestScore = found.size;
    }
  }
  const nodes = [];
  if (best > 0) nodes.push(document.createTextNode("… "));
  const last = Math.min(words.length, best + SNIPPET_WORDS);
  for (let i = best; i < last; i++) {
    const piece = pieces[words[i]];
    if (hits[i] >= 0) {
      const mark = document.createElement("mark");
      mark.textContent = piece;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(piece));
    }
    if (i < last - 1) nodes.push(document.createTextNode(" "));
  }
  if (last < words.length) nodes.push(document.createTextNode(" …"));
  return nodes;
}

function fact(label, value) {
  const box = document.createElement("div");
  const name = document.createElement("dt");
  name.textContent = label;
  const text = document.createElement("dd");
  text.textContent = value;
  box.append(name, text);
  return box;
}

function showResult(data, term) {
  const item = document.createElement("li");
  item.className = "kort";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = root + data.url.replace(/^\//, "");
  link.textContent = data.meta.title;
  heading.appendChild(link);
  item.appendChild(heading);
  const kind = document.createElement("p");
  kind.className = "kort-type";
  kind.textContent = data.meta.type || "";
  item.appendChild(kind);
  if (data.meta.tekst) {
    const snippet = document.createElement("p");
    snippet.className = "uddrag";
    snippet.append(...snippetNodes(data.meta.tekst, term));
    item.appendChild(snippet);
  }
  const facts = document.createElement("dl");
  facts.className = "kort-fakta";
  facts.append(
    fact("Næste start", data.meta.start || ""),
    fact("Hvor", data.meta.sted || ""),
    fact("Pris", data.meta.pris || ""),
    fact("Omfang", data.meta.omfang || ""),
  );
  item.appendChild(facts);
  if (data.meta.afholdt) {
    item.classList.add("kort-forbi");
    const held = document.createElement("p");
    held.className = "kort-maerker";
    const mark = document.createElement("span");
    mark.className = "maerke maerke-forbi";
    mark.textContent = data.meta.afholdt;
    held.appendChild(mark);
    item.appendChild(held);
  }
  return item;
}

// The chosen filters near the count, each a button that removes it, and a link to the rest.
function showChosen(chosen) {
  const picked = Object.entries(chosen).flatMap(([key, values]) => values.map((v) => [key, v]));
  chosenCount.textContent = "(" + picked.length + " valgt)";
  toFilters.textContent = "Filtrér (" + picked.length + " valgt)";
  const chips = picked.map(([key, value]) => {
    const chip = document.createElement("button");
    chip.type = "button";
    chip.className = "valgt-filter";
    chip.textContent = value + " \u2715";
    chip.setAttribute("aria-label", "Fjern filteret " + value);
    chip.addEventListener("click", () => {
      const box = boxes().find((b) => b.name === key && b.value === value);
      if (box) box.checked = false;
      form.requestSubmit();
    });
    return chip;
  });
  chosenBox.replaceChildren(...chips, toFilters);
  chosenBox.hidden = false;
}

// When nothing is found: what to try instead.
function nothingFound(term, filtered) {
  const item = document.createElement("li");
  item.className = "tom";
  const text = "Ingen uddannelser passer til \u201d" + term + "\u201d" +
    (filtered ? " med de valgte filtre" : "") + ". Prøv et andet eller kortere ord" +
    (filtered ? ", fjern et filter" : "") + ", eller find uddannelser efter ";
  item.append(text);
  const ways = [["erhverv", "#erhverv"], ["region", "#regioner"], ["emne", "#emner"]];
  ways.forEach(([label, anchor], i) => {
    const link = document.createElement("a");
    link.href = root + anchor;
    link.textContent = label;
    item.append(link, i === ways.length - 2 ? " eller " : i === ways.length - 1 ? "." : ", ");
  });
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
// A search whose results are ranked with past one-off events weighed down.
async function find(pagefind, term, filters) {
  if (past === null) {
    const all = await pagefind.search(null, { filters: { [PAST_KEY]: PAST_VALUE } });
    past = new Set(all.results.map((r) => r.id));
  }
  const found = await pagefind.search(term, { filters });
  const factor = Number(PAST_FACTOR);
  const scored = found.results.map((r) => ({ r, score: past.has(r.id) ? r.score * factor : r.score }));
  scored.sort((a, b) => b.score - a.score); // stable: equal scores keep Pagefind's order
  return { results: scored.map((s) => ({ ...s.r, score: s.score })), filters: found.filters };
}

async function widen(pagefind, term, filters, first) {
  const words = term.split(/\s+/).filter(Boolean);
  if (words.length < 2 || first.results.length >= FEW) return first;
  const seen = new Set(first.results.map((r) => r.id));
  const more = [];
  let widest = first;
  for (let i = 0; i < words.length; i++) {
    const rest = await find(pagefind, words.filter((_, j) => j !== i).join(" "), filters);
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
  let search = await find(pagefind, term || null, filters);
  if (term) search = await widen(pagefind, term, filters, search);
  if (term && search.results.length < FEW) {
    const split = await splitQuery(term);
    if (split) {
      const parts = await widen(pagefind, split, filters, await find(pagefind, split, filters));
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
      const retry = await widen(pagefind, better, filters, await find(pagefind, better, filters));
      if (retry.results.length > search.results.length) {
        meantWord = better;
        replaced = search.results.length === 0;
        if (replaced) search = retry;
      }
    }
  }
  if (number !== latest) return; // a newer search has started
  shownResults = anything ? search.results : [];
  const shown = await Promise.all(shownResults.slice(0, SHOWN).map((r) => r.data()));
  if (number !== latest) return;
  list.replaceChildren(...shown.map((data) => showResult(data, term)));
  if (anything && term && !shown.length) list.appendChild(nothingFound(term, Object.keys(chosen).length > 0));
  more.hidden = shownResults.length <= SHOWN;
  list.dataset.soegning = term + "|" + new URLSearchParams(location.search).toString();
  showCounts(anything ? search.filters || {} : await pagefind.filters());
  showChosen(chosen);
  showMeant(term, meantWord, replaced);
  status.textContent = anything
    ? countText(search.results.length) + (search.results.length > SHOWN ? " (viser " + SHOWN + ")" : "")
    : "Skriv et søgeord, eller vælg et filter.";
}

async function start() {
  const pagefind = await import(form.dataset.pagefind);
  await pagefind.init();
  // Pagefind counts only the filters whose index it has loaded; load them all once, so every
  // facet shows its counts however the search began (a shared address with a filter).
  await pagefind.filters();
  form.dataset.klar = "1"; // ready: tests and scripts can wait for this
  readAddress();
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(pagefind), 250);
  });
  for (const box of boxes()) box.addEventListener("change", () => run(pagefind));
  toFilters.addEventListener("click", () => { filterBox.open = true; });
  more.querySelector("button").addEventListener("click", async () => {
    const from = list.querySelectorAll(":scope > li.kort").length;
    const term = input.value.trim();
    const next = await Promise.all(shownResults.slice(from, from + SHOWN).map((r) => r.data()));
    list.append(...next.map((data) => showResult(data, term)));
    more.hidden = from + next.length >= shownResults.length;
    status.textContent = countText(shownResults.length) +
      (from + next.length < shownResults.length ? " (viser " + (from + next.length) + ")" : "");
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
