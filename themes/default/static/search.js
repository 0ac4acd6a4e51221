// Site search over the static index ocaq writes (src/search/). No inline
// script, no eval, no WebAssembly: the strict CSP stays as it is.
//
// The page has a form with [data-search] (data-index: the manifest URL), an
// input, a [data-search-status] live region, a [data-search-results] list, a
// [data-search-more] button and a [data-search-nojs] note this script hides.
// Messages come from data-msg-* attributes of the form, in the page's language.
//
// fold(), stem() and search() mirror src/search/{fold,stem_az,query}.rs step
// by step; tests/search_js.rs runs this file with node against the Rust side.
"use strict";

// Generated from src/search/fold.rs (js_table): do not edit by hand.
// fold-table-start
const FOLD_PAIRS = "ƏeəeıiİiŞsşsÇcçcĞgğgÖoöoÜuüuÀaÁaÂaÃaÄaÅaÈeÉeÊeËeÌiÍiÎiÏiÑnÒoÓoÔoÕoÙuÚuÛuÝyàaáaâaãaäaåaèeéeêeëeìiíiîiïiñnòoóoôoõoùuúuûuýyÿyĀaāaĂaăaĄaąaĆcćcĈcĉcĊcċcČcčcĎdďdĒeēeĔeĕeĖeėeĘeęeĚeěeĜgĝgĠgġgĢgģgĤhĥhĨiĩiĪiīiĬiĭiĮiįiĴjĵjĶkķkĹlĺlĻlļlĽlľlŃnńnŅnņnŇnňnŌoōoŎoŏoŐoőoŔrŕrŖrŗrŘrřrŚsśsŜsŝsŠsšsŢtţtŤtťtŨuũuŪuūuŬuŭuŮuůuŰuűuŲuųuŴwŵwŶyŷyŸyŹzźzŻzżzŽzžzØoøoŁlłlĐdđdÐdðdЁеёе", FOLD_MULTI = {"Æ":"ae","æ":"ae","Œ":"oe","œ":"oe","ß":"ss"};
// fold-table-end

const FOLD = new Map();
{
  const p = Array.from(FOLD_PAIRS);
  for (let i = 0; i + 1 < p.length; i += 2) FOLD.set(p[i], p[i + 1]);
}
const COMBINING = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/;
const WORD = /[\p{Alphabetic}\p{N}]/u;

function foldChar(c) {
  if (c < "\x80") return c.toLowerCase();
  if (COMBINING.test(c)) return "";
  const m = FOLD.get(c);
  if (m !== undefined) return m;
  if (Object.prototype.hasOwnProperty.call(FOLD_MULTI, c)) return FOLD_MULTI[c];
  return c.toLowerCase();
}

function fold(text) {
  let out = "";
  for (const c of text) out += foldChar(c);
  return out;
}

// Calls f(start, end, folded) for every word; offsets are UTF-16 indices into text.
function eachToken(text, f) {
  let buf = "", start = -1, i = 0;
  for (const c of text) {
    if (WORD.test(c) || COMBINING.test(c)) {
      if (start < 0) { start = i; buf = ""; }
      buf += foldChar(c);
    } else if (start >= 0) {
      if (buf) f(start, i, buf);
      start = -1;
    }
    i += c.length;
  }
  if (start >= 0 && buf) f(start, i, buf);
}

const indexable = (w) => Array.from(w).length >= 2;

function words(query) {
  const out = [];
  eachToken(query, (_s, _e, w) => { if (indexable(w)) out.push(w); });
  return out;
}

const VOWEL_END = /[aeiou]$/, VOWEL = /[aeiou]/, VG_END = /[aeiou]g$/, KY_END = /[eiu]y$/;

// The manifest's stemming rules (src/search/stem_az.rs), applied to a folded word:
// every form the stripping passes through, the stem last.
function steps(word, rules) {
  const out = [];
  if (!rules || !/^[a-z]*$/.test(word)) return out;
  let w = word, afterN = false;
  for (const layer of rules.layers) {
    let stripped = false;
    for (const [suffix, cond, min, setsN] of layer) {
      if (!w.endsWith(suffix)) continue;
      const rest = w.slice(0, w.length - suffix.length);
      if (rest.length >= min && VOWEL.test(rest) && holds(cond, rest, afterN, rules.proving)) {
        w = rest; afterN = setsN === 1; stripped = true;
        out.push(w);
        break;
      }
    }
    if (!stripped) afterN = false;
  }
  if (VG_END.test(w)) out.push(w.slice(0, -1) + "q");
  else if (w.length >= 4 && KY_END.test(w)) out.push(w.slice(0, -1) + "k");
  return out;
}

function stem(word, rules) {
  const s = steps(word, rules);
  return s.length ? s[s.length - 1] : word;
}

function holds(cond, rest, afterN, proving) {
  const last = rest.slice(-1);
  switch (cond) {
    case "any": return true;
    case "v": return VOWEL_END.test(rest);
    case "vi": return VOWEL_END.test(rest) && last !== "i";
    case "c": return /[a-z]$/.test(rest) && !VOWEL_END.test(rest);
    case "p": return proving.some((p) => rest.endsWith(p)) || VG_END.test(rest);
    case "n": return afterN;
    case "l": return rest.endsWith("da") || rest.endsWith("de");
    case "y": return KY_END.test(rest);
    default: return false;
  }
}

function varint(b, pos) {
  let v = 0, mul = 1, c;
  do {
    c = b[pos.i++];
    if (c === undefined) throw new Error("truncated index");
    v += (c & 0x7f) * mul;
    mul *= 128;
  } while (c & 0x80);
  return v;
}

function decodeChunk(b) {
  const pos = { i: 0 }, dec = new TextDecoder(), keys = [], groups = [];
  let prev = new Uint8Array(0);
  for (let n = varint(b, pos); n > 0; n--) {
    const shared = varint(b, pos), len = varint(b, pos);
    const k = new Uint8Array(shared + len);
    k.set(prev.subarray(0, shared));
    k.set(b.subarray(pos.i, pos.i + len), shared);
    pos.i += len;
    keys.push([dec.decode(k), varint(b, pos)]);
    prev = k;
  }
  for (let g = varint(b, pos); g > 0; g--) {
    const list = [];
    let page = 0;
    for (let i = 0, df = varint(b, pos); i < df; i++) {
      const d = varint(b, pos);
      page = i === 0 ? d : page + d;
      list.push([page, b[pos.i++]]);
    }
    groups.push(list);
  }
  return { keys, groups };
}

async function gunzip(buf) {
  const b = new Uint8Array(buf);
  // A host may already have undone the gzip (Content-Encoding): then use the bytes as they are.
  if (b[0] !== 0x1f || b[1] !== 0x8b) return b;
  const stream = new Blob([b]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// An index: the manifest plus the chunks and page lists fetched so far (each once).
class Index {
  constructor(manifestUrl, fetchBytes) {
    this.url = manifestUrl;
    this.fetchBytes = fetchBytes;
    this.chunks = new Map();
    this.lists = new Map();
  }

  async open() {
    const m = JSON.parse(new TextDecoder().decode(await this.fetchBytes(this.url)));
    if (m.v !== 2) throw new Error("unknown index version " + m.v);
    this.m = m;
    return this;
  }

  file(name) { return new URL(this.m.dir + "/" + name, this.url).href; }

  chunkOf(key) {
    let lo = 0;
    const f = this.m.chunks;
    for (let i = 0; i < f.length; i++) {
      if (f[i] <= key) lo = i; else break;
    }
    return lo;
  }

  // A file of this build's folder, fetched, gunzipped and decoded once; one that
  // failed to arrive is asked for again next time.
  fetched(cache, name, decode) {
    if (!cache.has(name)) {
      const file = this.fetchBytes(this.file(name)).then(gunzip).then(decode);
      file.catch(() => cache.delete(name));
      cache.set(name, file);
    }
    return cache.get(name);
  }

  chunk(i) {
    return this.fetched(this.chunks, "t" + i + ".bin", decodeChunk);
  }

  // A result's address and title: {u, t}, from the page list that holds it.
  async entry(page) {
    const per = this.m.per, i = Math.floor(page / per);
    const list = await this.fetched(this.lists, "p" + i + ".bin", (b) => JSON.parse(new TextDecoder().decode(b)));
    const e = list[page % per];
    if (!e) throw new Error("no page " + page);
    return { u: e[0], t: e[1] };
  }

  // The text of a result's page for its excerpt: the page itself, as the reader
  // would open it (the index keeps no text; a click then comes from the cache).
  async pageText(url) {
    const html = new TextDecoder().decode(await this.fetchBytes(new URL(url, this.url).href));
    return mainText(new DOMParser().parseFromString(html, "text/html"));
  }

  // Pages matching every word, best first, and the folded forms to mark.
  async search(query) {
    const ws = words(query), marks = new Set();
    if (ws.length === 0) return { hits: [], marks, prefix: null };
    const pages = this.m.pages, firsts = this.m.chunks;
    let total = null;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i], exact = [w];
      if (this.m.stem) exact.push(...steps(w, this.m.stem));
      const prefix = i + 1 === ws.length || Array.from(w).length >= 3;
      const wanted = exact.map((k) => this.chunkOf(k));
      if (prefix) {
        let j = this.chunkOf(w);
        wanted.push(j);
        while (j + 1 < firsts.length && firsts[j + 1].startsWith(w)) wanted.push(++j);
      }
      const scores = new Map();
      for (const c of [...new Set(wanted)].sort((a, b) => a - b)) {
        const chunk = await this.chunk(c);
        const factor = new Map();
        for (const [k, g] of chunk.keys) {
          let f;
          if (exact.includes(k)) f = 1;
          else if (prefix && k.startsWith(w)) f = 0.5;
          else continue;
          if (f > (factor.get(g) || 0)) factor.set(g, f);
        }
        for (const [k, g] of chunk.keys) if (factor.has(g)) marks.add(k);
        for (const [g, f] of [...factor].sort((a, b) => a[0] - b[0])) {
          const list = chunk.groups[g];
          if (!list) continue;
          const idf = Math.log(1 + pages / Math.max(list.length, 1));
          for (const [page, wt] of list) {
            const s = f * idf * wt / (wt + 1);
            if (s > (scores.get(page) || 0)) scores.set(page, s);
          }
        }
      }
      if (total === null) total = scores;
      else {
        const next = new Map();
        for (const [p, s] of total) if (scores.has(p)) next.set(p, s + scores.get(p));
        total = next;
      }
    }
    const hits = [...total].map(([page, score]) => ({ page, score }));
    hits.sort((a, b) => b.score - a.score || a.page - b.page);
    return { hits, marks, prefix: ws[ws.length - 1] };
  }
}

// Elements whose text is not the page's content: its heading (the result's title
// already), navigation, the date and reading-time lines, anything hidden.
const SKIP = "h1, nav, script, style, noscript, template, svg, .meta, [hidden], [aria-hidden=true], .visually-hidden";
// Elements that can sit inside a word; every other tag separates words, as in the index.
const INLINE = new Set(["A", "ABBR", "B", "BDI", "BDO", "CITE", "CODE", "DATA", "DFN", "EM", "I", "KBD",
  "MARK", "Q", "S", "SAMP", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TIME", "U", "VAR"]);

// The readable text of a parsed page's <main>, whitespace collapsed.
function mainText(doc) {
  const root = doc.querySelector("main") || doc.body;
  const parts = [];
  const walk = (el) => {
    for (const n of el.childNodes) {
      if (n.nodeType === 3) parts.push(n.data);
      else if (n.nodeType === 1 && !n.matches(SKIP)) {
        const gap = INLINE.has(n.tagName) ? "" : " ";
        parts.push(gap);
        walk(n);
        parts.push(gap);
      }
    }
  };
  if (root) walk(root);
  return parts.join("").replace(/\s+/g, " ").trim();
}

// Pieces of text with the matched words marked: [[text, marked], …].
function marked(text, marks, prefix) {
  const out = [];
  let at = 0;
  eachToken(text, (s, e, w) => {
    if (marks.has(w) || (prefix && w.startsWith(prefix))) {
      if (s > at) out.push([text.slice(at, s), false]);
      out.push([text.slice(s, e), true]);
      at = e;
    }
  });
  if (at < text.length) out.push([text.slice(at), false]);
  return out;
}

// About `size` words of text around its first marked word.
function excerpt(text, marks, prefix, size = 30) {
  const starts = [];
  let first = -1;
  eachToken(text, (s, _e, w) => {
    if (first < 0 && (marks.has(w) || (prefix && w.startsWith(prefix)))) first = starts.length;
    starts.push(s);
  });
  if (starts.length <= size) return text;
  const from = Math.max(0, Math.min(first < 0 ? 0 : first - 8, starts.length - size));
  const to = from + size < starts.length ? starts[from + size] : text.length;
  return (from > 0 ? "… " : "") + text.slice(starts[from], to).trim() + (to < text.length ? " …" : "");
}

function render(parent, pieces) {
  for (const [t, m] of pieces) {
    if (m) {
      const el = document.createElement("mark");
      el.textContent = t;
      parent.append(el);
    } else parent.append(t);
  }
}

function start() {
  const form = document.querySelector("[data-search]");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  const more = document.querySelector("[data-search-more]");
  const msg = form.dataset;
  for (const el of document.querySelectorAll("[data-search-nojs]")) el.hidden = true;
  const fetchBytes = async (url) => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.arrayBuffer();
  };
  let index = null, shown = 0, result = null, run = 0, timer = 0;

  async function showMore() {
    const mine = run, next = result.hits.slice(shown, shown + 10), { marks, prefix } = result;
    const entries = await Promise.all(next.map((h) => index.entry(h.page)));
    if (mine !== run) return;
    for (const r of entries) {
      const li = document.createElement("li");
      const h = document.createElement("h2");
      const a = document.createElement("a");
      a.href = r.u;
      render(a, marked(r.t, marks, prefix));
      h.append(a);
      li.append(h);
      list.append(li);
      // The titles show at once; each excerpt follows when its page arrives.
      index.pageText(r.u).then((text) => {
        if (mine !== run || !text) return;
        const p = document.createElement("p");
        render(p, marked(excerpt(text, marks, prefix), marks, prefix));
        li.append(p);
      }, () => {});
    }
    shown += next.length;
    more.hidden = shown >= result.hits.length;
  }

  async function go(query) {
    const mine = ++run;
    const url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!words(query).length) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    try {
      index = index || await new Index(new URL(form.dataset.index, location.href).href, fetchBytes).open();
      const r = await index.search(query);
      if (mine !== run) return;
      result = r;
      shown = 0;
      list.replaceChildren();
      await showMore();
      if (mine !== run) return;
      status.textContent = r.hits.length
        ? msg.msgFound + " " + r.hits.length.toLocaleString(document.documentElement.lang)
        : msg.msgNone;
    } catch (e) {
      if (mine === run) status.textContent = msg.msgError;
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    go(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => go(input.value), 200);
  });
  more.addEventListener("click", () => { showMore(); });
  const q = new URL(location.href).searchParams.get("q");
  if (q) {
    input.value = q;
    go(q);
  }
}

if (typeof document !== "undefined") start();
if (typeof module !== "undefined") module.exports = { fold, words, stem, steps, Index, marked, excerpt };
