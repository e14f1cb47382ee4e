/* Mittari report site: draws the charts of a page and switches between cut-offs.
   The pages are static and complete without this script (every chart has its table); it only
   draws, in the page's language, and shows the cut-off the reader picks. It runs from file://,
   with no network and no modules. When every visible chart is drawn it sets
   data-charts-ready on <html> (the browser tests wait for it). */
(function () {
  "use strict";
  var root = document.documentElement;
  root.className += " js";
  window.addEventListener("error", function (e) {
    root.setAttribute("data-js-error", String(e.message || e));
  });

  var lang = document.body.getAttribute("data-lang") || "en";
  var nbsp = "\u00a0";
  var count = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var decimal1 = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var euro = new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" });
  var month = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", timeZone: "UTC" });
  var day = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

  function num(v) { return typeof v === "string" ? Number(v) : v; }
  // nice rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
  function nice(x) {
    if (x <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(x)));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= x) { return steps[i] * p; } }
    return 10 * p;
  }
  var whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var formats = {
    count: function (v) { return count.format(num(v)); },
    pct: function (v) { return decimal1.format(num(v)) + nbsp + "%"; },
    pctAxis: function (v) { return whole.format(num(v)) + nbsp + "%"; },
    eur: function (v) { return euro.format(num(v)); },
    meur: function (v) { return decimal1.format(num(v) / 1e6) + nbsp + "M€"; },
    date: function (v) { return month.format(new Date(v)); }
  };

  // hints turns the option's "mittari" hints into echarts formatters for this language.
  function applyHints(option) {
    var h = option.mittari || {};
    delete option.mittari;
    var axes = { x: option.xAxis, y: option.yAxis };
    Object.keys(axes).forEach(function (k) {
      var f = formats[h[k] === "pct" ? "pctAxis" : h[k]];
      if (axes[k] && f) {
        axes[k].axisLabel = axes[k].axisLabel || {};
        axes[k].axisLabel.formatter = f;
        axes[k].axisLabel.hideOverlap = true;
      }
      if (axes[k] && h[k] === "count") { axes[k].minInterval = 1; }
    });
    // A milestone or target above every value still shows: the value axis reaches it.
    var marks = [];
    (option.series || []).forEach(function (s) {
      ((s.markLine || {}).data || []).forEach(function (d) { if (typeof d.yAxis === "number") { marks.push(d.yAxis); } });
    });
    if (marks.length && option.yAxis && option.yAxis.type === "value") {
      var top = Math.max.apply(null, marks);
      option.yAxis.max = function (v) { return v.max >= top ? null : nice(top * 1.05); };
    }
    if (option.tooltip) {
      if (h.tooltip === "state") {
        option.tooltip.formatter = function (p) {
          var x = option.xAxis.data[p.value[0]], y = option.yAxis.data[p.value[1]];
          return y + ", " + x + ": " + (h.labels || [])[p.value[2]];
        };
      } else if (formats[h.tooltip]) {
        var vf = formats[h.tooltip];
        option.tooltip.valueFormatter = function (v) {
          if (v === null || v === undefined || v === "-" || v === "") { return "–"; }
          return vf(v);
        };
        if (h.x === "date") {
          option.tooltip.axisPointer = { label: { formatter: function (p) { return day.format(new Date(p.value)); } } };
        }
      }
    }
    return option;
  }

  var options = {};
  var block = document.getElementById("mittari-charts");
  if (block) { options = JSON.parse(block.textContent); }
  var charts = {};

  function visible(el) {
    for (var n = el; n && n !== document.body; n = n.parentElement) {
      if (n.hidden) { return false; }
    }
    return true;
  }

  function drawVisible() {
    if (Object.keys(options).length === 0) {
      root.setAttribute("data-charts-drawn", "0");
      root.setAttribute("data-charts-ready", "true");
      return;
    }
    if (typeof echarts === "undefined") {
      root.setAttribute("data-js-error", "the echarts library did not load");
      return;
    }
    Object.keys(options).forEach(function (id) {
      var el = document.getElementById(id);
      if (!el || charts[id] || !visible(el)) { return; }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(applyHints(options[id]));
      charts[id] = chart;
    });
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
    var drawn = 0, shown = 0;
    Object.keys(options).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && visible(el)) { shown++; if (charts[id]) { drawn++; } }
    });
    root.setAttribute("data-charts-drawn", String(drawn));
    if (drawn === shown) { root.setAttribute("data-charts-ready", "true"); }
  }

  // The cut-off the reader picked is kept in the address (#cutoff=YYYY-MM-DD), so that the
  // language switch and a link keep it.
  var select = document.getElementById("cutoff");
  function show(value) {
    var sections = document.querySelectorAll("section.cut");
    for (var i = 0; i < sections.length; i++) {
      sections[i].hidden = sections[i].getAttribute("data-cutoff") !== value;
    }
    var links = document.querySelectorAll("a.lang");
    for (var j = 0; j < links.length; j++) {
      links[j].href = links[j].href.split("#")[0] + "#cutoff=" + value;
    }
    drawVisible();
  }
  // A link to an element of a cut-off's section (the rows behind a figure of that cut-off)
  // shows that cut-off.
  function cutoffOfTarget() {
    var id = location.hash.slice(1), el = id && document.getElementById(decodeURIComponent(id));
    for (var n = el; n; n = n.parentElement) {
      if (n.classList && n.classList.contains("cut")) { return { cutoff: n.getAttribute("data-cutoff"), el: el }; }
    }
    return null;
  }
  if (select) {
    var m = /cutoff=(\d{4}-\d{2}-\d{2})/.exec(location.hash), target = m ? null : cutoffOfTarget();
    var wanted = m ? m[1] : (target ? target.cutoff : "");
    for (var k = 0; k < select.options.length; k++) {
      if (select.options[k].value === wanted) { select.value = wanted; }
    }
    select.addEventListener("change", function () {
      try { history.replaceState(null, "", "#cutoff=" + select.value); } catch (e) { location.hash = "cutoff=" + select.value; }
      show(select.value);
    });
    show(select.value);
    if (target && !target.el.closest("[hidden]")) { target.el.scrollIntoView(); }
    window.addEventListener("hashchange", function () {
      var t = cutoffOfTarget();
      if (t && t.cutoff !== select.value) { select.value = t.cutoff; show(t.cutoff); t.el.scrollIntoView(); }
    });
  } else {
    drawVisible();
  }
  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  });
  if (window.matchMedia) {
    window.matchMedia("print").addListener(function () {
      Object.keys(charts).forEach(function (id) { charts[id].resize(); });
    });
  }
})();
