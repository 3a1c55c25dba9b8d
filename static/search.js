/* Search and filtered views on Pagefind's JavaScript API (pagefind/pagefind.js).

   The view is the page's query string: q (words), from and to (ISO dates), one parameter
   per Pagefind filter (topic, actor, place, and any other filter the index reports, such
   as contested), and sort. Loading a URL reproduces its view; every change is written
   back to the address bar, so a view can be shared or cited. Dates become Pagefind
   filters on whole years, whole months and single days (the event pages carry a year,
   a month and a day filter). The embed page (embed/search/) shows the same view
   without the form, its links opening in the parent window. */
(function () {
  "use strict";

  var PAGE = 20;
  var DATE_KEYS = { year: 1, month: 1, day: 1 };
  var PARAMS_FIXED = { q: 1, from: 1, to: 1, sort: 1 };
  var SELECT_MAX = 60; // more values than this: a text field with suggestions

  function $(id) { return document.getElementById(id); }
  /* The view's fields are named like its URL parameters (no <form>: the site has none,
     and search needs script anyway); Enter in a field or the button runs the view. */
  function field(root, name) {
    var all = root.querySelectorAll("[name]");
    for (var i = 0; i < all.length; i++) if (all[i].name === name) return all[i];
    return null;
  }

  function unavailable() {
    var note = $("search-unavailable");
    if (note) note.hidden = false;
  }

  /* Filter values and metadata are the page's text as Pagefind captured it (decoded,
     shown with textContent); only excerpts are HTML (escaped text with <mark>). */
  function decode(value) {
    var doc = new DOMParser().parseFromString("<!doctype html><p>" + value, "text/html");
    return doc.body.textContent || "";
  }

  function iso(d) { return d.toISOString().slice(0, 10); }
  function parseDay(s) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s || "")) return null;
    var d = new Date(s + "T00:00:00Z");
    return isNaN(d.getTime()) ? null : d;
  }
  function addDays(d, n) { return new Date(d.getTime() + n * 86400000); }
  function monthEnd(d) { return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)); }

  /* The date range as Pagefind filters: whole years, whole months, then single days. */
  function dateFilter(from, to) {
    var years = [], months = [], days = [];
    var d = from;
    while (d <= to) {
      var y = d.getUTCFullYear();
      var yearEnd = new Date(Date.UTC(y, 11, 31));
      if (d.getUTCMonth() === 0 && d.getUTCDate() === 1 && yearEnd <= to) {
        years.push(String(y));
        d = addDays(yearEnd, 1);
        continue;
      }
      var end = monthEnd(d);
      if (d.getUTCDate() === 1 && end <= to) {
        months.push(iso(d).slice(0, 7));
        d = addDays(end, 1);
        continue;
      }
      days.push(iso(d));
      d = addDays(d, 1);
    }
    var any = [];
    if (years.length) any.push({ year: { any: years } });
    if (months.length) any.push({ month: { any: months } });
    if (days.length) any.push({ day: { any: days } });
    return any;
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || "",
                  sort: params.get("sort") || "", filters: {} };
    params.forEach(function (value, key) {
      if (!PARAMS_FIXED[key] && value) state.filters[key] = value;
    });
    return state;
  }

  function stateQuery(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    Object.keys(state.filters).sort().forEach(function (k) {
      if (state.filters[k]) params.set(k, state.filters[k]);
    });
    if (state.sort) params.set("sort", state.sort);
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function describe(state) {
    var parts = [];
    if (state.q) parts.push("“" + state.q + "”");
    Object.keys(state.filters).sort().forEach(function (k) { parts.push(k + ": " + state.filters[k]); });
    if (state.from || state.to) parts.push((state.from || "…") + " – " + (state.to || "…"));
    return parts.join(" · ");
  }

  function Search(root, pagefind, allFilters) {
    this.root = root;
    this.pagefind = pagefind;
    this.embed = !!root.dataset.embed;
    this.first = root.dataset.first || "";
    this.last = root.dataset.last || "";
    // filter -> {value: count}; a value is the page's text, so it is its own label
    this.counts = allFilters;
    this.results = [];
    this.shown = 0;
    this.run = 0;
  }

  Search.prototype.buildForm = function () {
    var holder = $("search-filters");
    if (!holder) return;
    var self = this;
    var keys = Object.keys(this.counts).filter(function (k) { return !DATE_KEYS[k]; });
    var order = ["topic", "actor", "place"];
    keys.sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
    });
    keys.forEach(function (key) {
      var labels = Object.keys(self.counts[key]).sort(function (a, b) { return a.localeCompare(b); });
      var wrap = document.createElement("div");
      wrap.className = "filter-field";
      var label = document.createElement("label");
      var id = "filter-" + key.replace(/[^A-Za-z0-9_-]/g, "_");
      label.htmlFor = id;
      label.textContent = key.charAt(0).toUpperCase() + key.slice(1);
      wrap.appendChild(label);
      var field;
      if (labels.length <= SELECT_MAX) {
        field = document.createElement("select");
        var none = document.createElement("option");
        none.value = "";
        none.textContent = "Any";
        field.appendChild(none);
        labels.forEach(function (text) {
          var opt = document.createElement("option");
          opt.value = text;
          opt.textContent = text + " (" + self.counts[key][text] + ")";
          field.appendChild(opt);
        });
      } else {
        field = document.createElement("input");
        field.type = "text";
        field.autocomplete = "off";
        field.placeholder = "Any " + key;
        var list = document.createElement("datalist");
        list.id = id + "-values";
        labels.forEach(function (text) {
          var opt = document.createElement("option");
          opt.value = text;
          list.appendChild(opt);
        });
        field.setAttribute("list", list.id);
        wrap.appendChild(list);
      }
      field.id = id;
      field.name = key;
      field.className = "filter-input";
      wrap.appendChild(field);
      holder.appendChild(wrap);
    });
  };

  Search.prototype.fill = function (state) {
    var form = this.root;
    if (this.embed) return;
    field(form, "q").value = state.q;
    field(form, "from").value = state.from;
    field(form, "to").value = state.to;
    field(form, "sort").value = state.sort || "newest";
    Object.keys(this.counts).forEach(function (key) {
      var input = field(form, key);
      if (input) input.value = state.filters[key] || "";
    });
  };

  Search.prototype.formState = function () {
    var form = this.root;
    var state = { q: field(form, "q").value.trim(), from: field(form, "from").value,
                  to: field(form, "to").value, sort: field(form, "sort").value, filters: {} };
    if (state.sort === "newest") state.sort = "";
    Object.keys(this.counts).forEach(function (key) {
      var input = field(form, key);
      if (input && input.value.trim()) state.filters[key] = input.value.trim();
    });
    return state;
  };

  Search.prototype.query = function (state) {
    var filters = {};
    var self = this;
    var unknown = [];
    Object.keys(state.filters).forEach(function (key) {
      var value = state.filters[key];
      var known = self.counts[key] && Object.prototype.hasOwnProperty.call(self.counts[key], value);
      if (!known) unknown.push(key + ": " + value);
      else filters[key] = value;
    });
    var from = parseDay(state.from) || parseDay(this.first);
    var to = parseDay(state.to) || parseDay(this.last);
    if ((state.from || state.to) && from && to) {
      if (from > to) { var t = from; from = to; to = t; }
      var any = dateFilter(from, to);
      filters.any = any.length ? any : [{ day: { any: ["none"] } }];
    }
    var options = { filters: filters };
    if (state.sort === "oldest") options.sort = { date: "asc" };
    else if (state.sort !== "relevance" || !state.q) options.sort = { date: "desc" };
    return { options: options, unknown: unknown };
  };

  Search.prototype.search = async function (state, push) {
    var run = ++this.run;
    var status = $("search-status");
    var query = this.query(state);
    var url = window.location.pathname + stateQuery(state);
    if (push && url !== window.location.pathname + window.location.search) {
      window.history.pushState(null, "", url);
    }
    this.updateEmbed(state);
    if (query.unknown.length) {
      this.results = [];
      this.state = state;  // the status then names the values no event carries
      this.render(run, true);
      return;
    }
    status.textContent = "Searching…";
    var found = await this.pagefind.search(state.q || null, query.options);
    if (run !== this.run) return;
    this.results = found ? found.results : [];
    var total = await this.total();
    if (run !== this.run) return;
    this.totalEvents = total;
    this.state = state;
    await this.render(run, true);
  };

  Search.prototype.total = async function () {
    if (this.totalEvents === undefined) {
      var all = await this.pagefind.search(null, { sort: { date: "desc" } });
      this.totalEvents = all ? all.results.length : 0;
    }
    return this.totalEvents;
  };

  Search.prototype.render = async function (run, reset) {
    var list = $("search-results");
    var more = $("search-more");
    var status = $("search-status");
    if (reset) {
      list.textContent = "";
      this.shown = 0;
    }
    var slice = this.results.slice(this.shown, this.shown + PAGE);
    var data = await Promise.all(slice.map(function (r) { return r.data(); }));
    if (run !== this.run) return;
    var self = this;
    data.forEach(function (d) { list.appendChild(self.item(d)); });
    this.shown += slice.length;
    var n = this.results.length;
    var label = this.state ? describe(this.state) : "";
    if (status && (n || reset)) {
      status.textContent = n
        ? "Showing " + this.shown + " of " + n + " event" + (n === 1 ? "" : "s") +
          (this.totalEvents !== undefined && n !== this.totalEvents ? " (of " + this.totalEvents + " in all)" : "") +
          (label ? " · " + label : "")
        : "No events match" + (label ? " " + label : "") + ".";
    }
    if (more) more.hidden = this.shown >= n;
    if (this.embed) {
      var full = $("embed-full");
      if (full && this.state) {
        full.textContent = label || "Events";
        full.href = this.root.dataset.fullUrl + stateQuery(this.state);
      }
    }
  };

  /* One result: its title, date and topic, and Pagefind's excerpt with only the
     <mark> elements kept (everything else is inserted as text). */
  Search.prototype.item = function (d) {
    var li = document.createElement("li");
    li.className = "event-item";
    var a = document.createElement("a");
    a.className = "event-link";
    a.href = d.url;
    if (this.embed) a.target = "_top";
    a.textContent = (d.meta && d.meta.title) || d.url;
    li.appendChild(a);
    var meta = document.createElement("span");
    meta.className = "event-meta";
    if (d.meta && d.meta.date) {
      var when = document.createElement("span");
      when.textContent = d.meta.date;
      meta.appendChild(when);
    }
    var topics = (d.filters && d.filters.topic) || [];
    if (topics.length) {
      var tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = topics[0];
      meta.appendChild(tag);
    }
    if (((d.filters && d.filters.contested) || [])[0] === "yes") {
      var mark = document.createElement("span");
      mark.className = "contested-mark";
      mark.textContent = "Contested";
      meta.appendChild(mark);
    }
    li.appendChild(meta);
    if (d.excerpt && !this.embed) {
      var p = document.createElement("p");
      p.className = "event-summary";
      d.excerpt.split(/(<mark>|<\/mark>)/).reduce(function (inMark, piece) {
        if (piece === "<mark>") return true;
        if (piece === "</mark>") return false;
        var text = document.createTextNode(decode(piece));
        if (inMark) {
          var m = document.createElement("mark");
          m.appendChild(text);
          p.appendChild(m);
        } else {
          p.appendChild(text);
        }
        return inMark;
      }, false);
      li.appendChild(p);
    }
    return li;
  };

  Search.prototype.updateEmbed = function (state) {
    var box = document.querySelector(".embed-text[data-embed-path]");
    if (box && box.dataset.embedPath.indexOf("embed/search/") >= 0) {
      box.dataset.query = stateQuery(state);
      if (window.chronicleEmbedFill) window.chronicleEmbedFill(box);
    }
  };

  Search.prototype.wire = function () {
    var self = this;
    var more = $("search-more");
    if (more) more.addEventListener("click", function () { self.render(self.run, false); });
    window.addEventListener("popstate", function () {
      var state = readState();
      self.fill(state);
      self.search(state, false);
    });
    if (this.embed) return;
    this.root.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target && event.target.name) {
        event.preventDefault();
        self.search(self.formState(), true);
      }
    });
    var run = this.root.querySelector(".run-view");
    if (run) run.addEventListener("click", function () { self.search(self.formState(), true); });
    this.root.addEventListener("change", function (event) {
      if (event.target && event.target.name !== "q") self.search(self.formState(), true);
    });
  };

  async function startSearch(root) {
    var pagefind;
    try {
      pagefind = await import(root.dataset.bundlePath + "pagefind.js");
      await pagefind.options({ baseUrl: root.dataset.baseUrl || "/" });
      await pagefind.init();
    } catch (err) {
      return unavailable();
    }
    var filters = await pagefind.filters();
    var search = new Search(root, pagefind, filters || {});
    search.buildForm();
    var state = readState();
    search.fill(state);
    search.wire();
    root.setAttribute("data-ready", "1");
    await search.search(state, false);
    root.setAttribute("data-searched", "1");
  }

  function wireBox(box) {
    var input = box.querySelector("input");
    var button = box.querySelector("button");
    if (!input || !button) return;
    function go() {
      var words = input.value.trim();
      window.location.href = box.dataset.searchUrl + (words ? "?q=" + encodeURIComponent(words) : "");
    }
    button.addEventListener("click", go);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") go();
    });
  }

  function start() {
    var boxes = document.querySelectorAll(".search-box[data-search-url]");
    for (var i = 0; i < boxes.length; i++) wireBox(boxes[i]);
    var root = $("search");
    if (root && root.dataset.bundlePath) startSearch(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
