/* briefgen's script: previews of briefs and entities, and a name for the
   theme's search dialog. No library, no network beyond this site: the
   previews are one JSON file made at build time (previews.py), fetched the
   first time a reader points at or focuses a link. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../", script.src);             // the site's root: this file is in javascripts/
  var previewsUrl = new URL("javascripts/previews.json", root);

  /* The search dialog has no accessible name in Material's markup (axe's
     aria-dialog-name): name every unnamed dialog by what it is for, whatever
     search box stands there. */
  function nameDialogs() {
    document.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (dialog) {
        var search = dialog.matches('[data-md-component="search"], .md-search') ||
          dialog.querySelector('input[type="search"], input[name="query"]');
        dialog.setAttribute("aria-label", search ? "Search the site" : "Dialog");
      });
  }

  var previews = null;       // path → {title, kind, text, counts}, once fetched
  var loading = null;
  function load() {
    if (!loading) {
      loading = fetch(previewsUrl).then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; })
        .then(function (data) { previews = data; return data; });
    }
    return loading;
  }

  function keyOf(link) {
    var url = new URL(link.href, document.baseURI);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var rest = decodeURIComponent(url.pathname.slice(root.pathname.length));
    return "/" + rest.replace(/index\.html$/, "");
  }

  var box = null, shownFor = null, timer = 0;
  function ensureBox() {
    if (box) return box;
    box = document.createElement("div");
    box.id = "bg-preview";
    box.className = "bg-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    // Pointing at the preview keeps it: its text can be read and selected.
    box.addEventListener("mouseenter", function () { clearTimeout(timer); });
    box.addEventListener("mouseleave", function () { hideSoon(); });
    document.body.appendChild(box);
    return box;
  }

  function line(className, text) {
    var p = document.createElement(className === "bg-preview__title" ? "strong" : "span");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function show(link) {
    var key = keyOf(link);
    if (!key) return;
    load().then(function (data) {
      var item = data[key];
      if (!item || !link.isConnected) return;
      var b = ensureBox();
      b.replaceChildren(line("bg-preview__kind", item.kind), line("bg-preview__title", item.title),
                        line("bg-preview__text", item.text), line("bg-preview__counts", item.counts));
      b.hidden = false;
      // Absolutely placed on the page: nothing around it moves.
      var r = link.getBoundingClientRect();
      var width = Math.min(320, document.documentElement.clientWidth - 16);
      b.style.width = width + "px";
      var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
      var below = r.bottom + 6, height = b.offsetHeight;
      var top = below + height > window.innerHeight && r.top - 6 - height > 0 ? r.top - 6 - height : below;
      b.style.left = (left + window.scrollX) + "px";
      b.style.top = (top + window.scrollY) + "px";
      if (shownFor && shownFor !== link) shownFor.removeAttribute("aria-describedby");
      shownFor = link;
      link.setAttribute("aria-describedby", b.id);
    });
  }

  function hide() {
    clearTimeout(timer);
    if (box) box.hidden = true;
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
  }

  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(hide, 200);
  }

  function linkIn(event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("a[href]") : null;
    return link && link.closest("article, .md-content") && !link.closest(".bg-preview") ? link : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = linkIn(event);
    if (!link) return;
    clearTimeout(timer);
    load();
    timer = setTimeout(function () { show(link); }, 250);
  });
  document.addEventListener("mouseout", function (event) {
    if (linkIn(event)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = linkIn(event);
    if (link) { clearTimeout(timer); show(link); } else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (linkIn(event)) hideSoon();
  });
  // A long press on a touch screen shows the preview instead of the browser's menu.
  document.addEventListener("contextmenu", function (event) {
    var link = linkIn(event);
    if (link && event.pointerType !== "mouse" && window.matchMedia("(hover: none)").matches) {
      event.preventDefault();
      show(link);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameDialogs);
  } else {
    nameDialogs();
  }
})();
