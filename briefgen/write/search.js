// briefgen's search box: Material's header search field and results panel,
// answered by Pagefind's index, which the browser fetches piece by piece as a
// query needs it (search/pagefind/), instead of one index of the whole site.
//
// On top of Pagefind: a query that is one spelling of an entity or topic
// (any alias, Cyrillic or transliterated, folded as briefgen/write/spellings.py
// folds it) puts that page first; a word of five letters or more that is no
// name's word but one edit from one (Pokrovks → Pokrovsk) is mended, and the
// mended query answers when it finds more than the query as typed. Keys as in
// Material: "/", "s" or "f" open the search, arrows move through the results,
// Enter follows one, Escape closes.
(() => {
  "use strict";
  const dialog = document.querySelector("[data-bg-search]");
  if (!dialog) return;
  const toggle = document.getElementById("__search");
  const input = dialog.querySelector(".md-search__input");
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const reset = dialog.querySelector("button[type=reset]");
  const form = dialog.querySelector("form");
  const root = new URL(dialog.dataset.bgSearch, document.baseURI);
  const words = JSON.parse(dialog.dataset.bgWords);
  const SHOWN = 10;

  // --- folding, as spellings.fold ------------------------------------------------
  const fold = (text) => text.toLocaleLowerCase("en")
    .normalize("NFKD").replace(/(?!\u0306)\p{M}/gu, "").normalize("NFC")
    .replace(/['’ʼ`]/g, "").replace(/[^\p{L}\p{N}_]+/gu, " ").trim();

  // --- the spelling files, one per first letter, fetched once each ----------------
  const shards = new Map();
  const shard = (letter) => {
    if (!shards.has(letter)) {
      const name = letter.codePointAt(0).toString(16);
      shards.set(letter, fetch(new URL(`spellings/${name}.json`, root))
        .then((reply) => (reply.ok ? reply.json() : { pages: {}, words: [] }))
        .catch(() => ({ pages: {}, words: [] })));
    }
    return shards.get(letter);
  };

  // One edit apart: a letter added, dropped, changed, or two neighbours swapped.
  const oneEditApart = (a, b) => {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1)
        || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  };

  const mended = async (query) => {
    let changed = false;
    const out = [];
    for (const word of fold(query).split(" ")) {
      const known = word.length >= 5 ? (await shard(word[0])).words : [];
      const close = known.includes(word) ? undefined : known.find((name) => oneEditApart(word, name));
      if (close) changed = true;
      out.push(close || word);
    }
    return changed ? out.join(" ") : null;
  };

  // --- Pagefind --------------------------------------------------------------------
  let pagefind = null;
  const engine = () => {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
        await module.options({ baseUrl: site, excerptLength: 24 });
        module.init();
        return module;
      });
    }
    return pagefind;
  };

  // The spelling files' URLs are site-absolute: below the site's own folder here.
  const site = new URL("..", root).pathname;
  const pinnedFor = async (query) => {
    const key = fold(query);
    const pages = key ? (await shard(key[0])).pages[key] || [] : [];
    return pages.map(([url, title, kind]) => [site + url.slice(1), title, kind]);
  };

  const find = async (query) => {
    const module = await engine();
    let asked = query;
    // A word one edit from a name's word is taken for a typo of it when the
    // mended query finds more than the query as typed.
    let [found, mend] = await Promise.all([module.search(asked), mended(query)]);
    if (mend) {
      const better = await module.search(mend);
      if (better && found && better.results.length > found.results.length) {
        asked = mend;
        found = better;
      } else {
        mend = null;
      }
    }
    if (!found) return null;
    const pinned = await pinnedFor(asked);
    const first = new Set(pinned.map(([url]) => url));
    const rest = found.results.slice(0, SHOWN + first.size);
    const pages = await Promise.all(rest.map((result) => result.data()));
    const byUrl = new Map(pages.map((page) => [page.url, page]));
    const ordered = pinned.map(([url, title, kind]) => byUrl.get(url) || { url, meta: { title }, excerpt: "", kind })
      .concat(pages.filter((page) => !first.has(page.url)));
    const total = found.results.length + pinned.filter(([url]) => !byUrl.has(url)).length;
    return { asked: mend ? asked : null, total, pages: ordered.slice(0, SHOWN) };
  };

  // --- the results panel, in Material's markup ---------------------------------------
  const KINDS = { briefs: "Brief", people: "Person", places: "Place", organisations: "Organisation",
    topics: "Topic", figures: "Figures", timeline: "Timeline" };
  // A detail page's kind, from its section (an index page's title names its section already).
  const kindOf = (url) => {
    const parts = new URL(url, location.href).pathname.slice(site.length).split("/").filter(Boolean);
    return parts.length === 2 ? KINDS[parts[0]] : undefined;
  };
  const element = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => node.append(child));
    return node;
  };
  const marked = (html) => {
    // Pagefind's excerpts are the page's text with <mark> around the matches: keep only those.
    const node = element("p", {});
    html.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
      const match = /^<mark>(.*)<\/mark>$/.exec(part);
      const text = new DOMParser().parseFromString(match ? match[1] : part, "text/html").body.textContent;
      node.append(match ? element("mark", {}, text) : text);
    });
    return node;
  };
  const article = (heading, title, kind, excerpt) => {
    const h = element(heading, {}, title);
    if (kind) h.append(" ", element("span", { class: "bg-search-kind" }, `· ${kind}`));
    const body = element("article", { class: "md-search-result__article md-typeset" }, h);
    if (excerpt) body.append(marked(excerpt));
    return body;
  };
  const item = (page) => {
    const li = element("li", { class: "md-search-result__item" });
    const head = element("a", { href: page.url, class: "md-search-result__link", tabindex: "-1" },
      article("h1", page.meta.title || page.url, page.kind || kindOf(page.url), page.excerpt));
    head.firstChild.prepend(element("div", { class: "md-search-result__icon md-icon" }));
    li.append(head);
    (page.sub_results || []).filter((sub) => sub.url !== page.url).slice(0, 2).forEach((sub) => {
      li.append(element("a", { href: sub.url, class: "md-search-result__link", tabindex: "-1" },
        article("h2", sub.title, "", sub.excerpt)));
    });
    return li;
  };
  const count = (n) => (n === 0 ? words.none : n === 1 ? words.one : words.other.replace("#", n));

  let latest = 0;
  const show = async () => {
    const query = input.value.trim();
    const mine = ++latest;
    if (!query) {
      meta.textContent = words.placeholder;
      list.replaceChildren();
      return;
    }
    // The page of a name is known as soon as its spelling file is here (a few
    // KB): shown at once, while Pagefind looks for the rest.
    // So is the page of a name one letter off, until Pagefind says whether the
    // query as typed finds more.
    let pinned = await pinnedFor(query);
    if (!pinned.length) {
      const mend = await mended(query);
      if (mend) pinned = await pinnedFor(mend);
    }
    if (mine !== latest) return; // a later query has the panel now
    if (pinned.length) {
      list.replaceChildren(...pinned.map(([url, title, kind]) => item({ url, meta: { title }, kind, excerpt: "" })));
    }
    const answer = await find(query);
    if (mine !== latest || !answer) return;
    meta.textContent = count(answer.total) + (answer.asked ? ` for “${answer.asked}”` : "");
    list.replaceChildren(...answer.pages.map(item));
  };

  // --- opening, closing and the keyboard ---------------------------------------------
  const open = () => {
    if (!toggle.checked) toggle.checked = true;
    engine();
  };
  const close = () => {
    toggle.checked = false;
    input.blur();
  };
  input.addEventListener("focus", open);
  input.addEventListener("input", show);
  form.addEventListener("submit", (event) => event.preventDefault());
  reset.addEventListener("click", () => {
    input.value = "";
    show();
    input.focus();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) setTimeout(() => input.focus(), 250); // after Material's slide-in
    else input.blur();
  });
  const links = () => [input, ...list.querySelectorAll(".md-search-result__link")];
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const typing = event.target instanceof HTMLElement
      && (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    if (!toggle.checked) {
      if (!typing && ["/", "s", "f", "S", "F"].includes(event.key)) {
        event.preventDefault();
        open();
        input.focus();
      }
      return;
    }
    const stops = links();
    const at = stops.indexOf(document.activeElement);
    if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = (Math.max(at, 0) + (event.key === "ArrowDown" ? 1 : -1) + stops.length) % stops.length;
      stops[next].focus();
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      const target = stops[1];
      if (target) target.click();
    }
  });
})();
