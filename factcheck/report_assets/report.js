// factcheck HTML report: details, filters, corrections and their export.
// Every piece of input text is put into the page with textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fc-data").textContent);
  var labels = data.labels;
  var byId = {};
  labels.forEach(function (l) { byId[l.id] = l; });
  var edits = {};  // "doc-row" -> label the editor chose (equal to the model's when confirmed)
  var storeKey = "factcheck-report:" + data.id;
  var panel = document.getElementById("detail");
  var exportButton = document.getElementById("export");
  var selected = null;
  var quiet = false;  // set while focus returns to a sentence without reopening its details

  function rowOf(el) { return data.docs[+el.dataset.doc].rows[+el.dataset.row]; }
  function keyOf(el) { return el.dataset.doc + "-" + el.dataset.row; }
  function sentenceAt(key) { return document.getElementById("s" + key); }
  function isReview(row) { return row.confidence < data.review_below; }

  function bump(doc, name, delta) {
    ["doc-" + doc, "totals"].forEach(function (id) {
      var box = document.getElementById(id);
      var b = box && box.querySelector('[data-count="' + name + '"] b');
      if (b) { b.textContent = String(+b.textContent + delta); }
    });
  }

  // label: a label id to set, or null to return to the model's label.
  function setLabel(el, label) {
    var row = rowOf(el), key = keyOf(el), doc = el.dataset.doc;
    var before = { label: el.dataset.label, review: el.classList.contains("review"), edited: key in edits };
    if (label === null) { delete edits[key]; } else { edits[key] = label; }
    var now = { label: label === null ? row.label : label, review: label === null && isReview(row), edited: label !== null };
    el.classList.remove("lab-" + before.label);
    el.classList.add("lab-" + now.label);
    el.dataset.label = now.label;
    el.classList.toggle("review", now.review);
    el.classList.toggle("edited", now.edited);
    bump(doc, before.label, -1); bump(doc, now.label, 1);
    bump(doc, "review", now.review - before.review);
    bump(doc, "edited", now.edited - before.edited);
    save();
    updateExport();
    if (el === selected) { show(el); }
  }

  // Bidi controls would reorder what the page shows ("Trojan Source"): shown as \u202e, as the terminal does.
  var BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  function visible(text) {
    return String(text).replace(BIDI, function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); });
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = visible(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function spanText(span) {
    var parts = [JSON.stringify(span.text)];
    if (span.cue) { parts.push("cue " + JSON.stringify(span.cue.text) + (span.cue.stance ? " (" + span.cue.stance + ")" : "")); }
    if (span.stance) { parts.push(span.stance); }
    if (span.resolved) { parts.push("resolved to " + JSON.stringify(span.resolved.text || span.resolved)); }
    if (span.value !== undefined && span.value !== null) { parts.push("value " + span.value); }
    if (span.low !== undefined && span.low !== null) { parts.push("range " + span.low + "\u2013" + span.high); }
    if (span.unit) { parts.push("unit " + span.unit); }
    if (span.approximate) { parts.push("approximate"); }
    if (span.hedge) { parts.push("hedge " + JSON.stringify(span.hedge.text || span.hedge)); }
    return parts.join(", ");
  }

  var KNOWN = ["doc", "index", "start", "end", "text", "label", "confidence", "scores", "explanation", "sources", "quantities"];

  function show(target) {
    if (!target) { panel.hidden = true; return; }
    var row = rowOf(target), key = keyOf(target), current = target.dataset.label;
    panel.textContent = "";
    panel.hidden = false;
    var docName = data.docs[+target.dataset.doc].name;
    panel.appendChild(el("h3", docName + " \u00b7 sentence " + (row.index + 1)));
    panel.appendChild(el("div", row.text, "quote"));
    var verdict = el("div");
    verdict.appendChild(el("b", byId[current] ? byId[current].name : current));
    if (key in edits) {
      verdict.appendChild(document.createTextNode(current === row.label ? " (model's label, confirmed by you)" : " (your label; the model said " + row.label + ")"));
    } else {
      verdict.appendChild(document.createTextNode(" \u00b7 confidence " + row.confidence.toFixed(2)));
      if (isReview(row)) { verdict.appendChild(document.createTextNode(" \u00b7 needs review (below " + data.review_below.toFixed(2) + ")")); }
    }
    panel.appendChild(verdict);
    var table = el("table");
    table.setAttribute("aria-label", "probability of each label");
    labels.forEach(function (l) {
      var p = row.scores ? row.scores[l.id] : undefined;
      if (p === undefined) { return; }
      var tr = el("tr");
      tr.appendChild(el("td", l.id));
      var cell = el("td", null, "barcell"), bar = el("div", null, "bar lab-" + l.id);
      bar.style.width = Math.max(1, Math.round(p * 100)) + "%";
      cell.appendChild(bar);
      tr.appendChild(cell);
      tr.appendChild(el("td", p.toFixed(2)));
      table.appendChild(tr);
    });
    panel.appendChild(table);
    if (row.explanation) {
      panel.appendChild(el("div", "why " + row.label + ": " + (row.explanation.map(function (p) {
        return p.feature + " (" + (p.weight >= 0 ? "+" : "") + p.weight.toFixed(2) + ")";
      }).join(", ") || "no feature pushed it")));
    }
    [["sources", "sources"], ["quantities", "quantities"]].forEach(function (pair) {
      var spans = row[pair[0]];
      if (!spans || !spans.length) { return; }
      panel.appendChild(el("div", pair[1] + ":"));
      var ul = el("ul");
      spans.forEach(function (s) { ul.appendChild(el("li", spanText(s))); });
      panel.appendChild(ul);
    });
    Object.keys(row).forEach(function (k) {
      if (KNOWN.indexOf(k) < 0) { panel.appendChild(el("div", k + ": " + JSON.stringify(row[k]))); }
    });
    var set = el("div", null, "set");
    set.setAttribute("role", "group");
    set.setAttribute("aria-label", "correct the label");
    labels.forEach(function (l, i) {
      var b = el("button", (i + 1) + " " + l.id);
      b.type = "button";
      b.dataset.set = l.id;
      b.setAttribute("aria-pressed", String(key in edits && current === l.id));
      set.appendChild(b);
    });
    var revert = el("button", "0 model's label");
    revert.type = "button";
    revert.dataset.set = "";
    revert.disabled = !(key in edits);
    set.appendChild(revert);
    panel.appendChild(set);
    var close = el("button", "Close");
    close.type = "button";
    close.id = "close-detail";
    set.appendChild(close);
    panel.appendChild(el("div", "Keys on a sentence: 1-" + labels.length + " set a label, c confirms the model's, 0 reverts, j/k next/previous, Esc closes.", "keys"));
  }

  // A selected sentence the details panel would cover scrolls up, clear of it.
  function keepClear(target) {
    var p = panel.getBoundingClientRect(), r = target.getBoundingClientRect();
    if (!panel.hidden && r.bottom > p.top && r.top < p.bottom && r.right > p.left && r.left < p.right) {
      window.scrollBy(0, r.bottom - p.top + 16);
    }
  }

  function select(target) {
    if (selected) { selected.classList.remove("selected"); }
    selected = target;
    if (target) { target.classList.add("selected"); }
    show(target);
    if (target) { keepClear(target); }
  }

  function visibleSentences() { return Array.prototype.slice.call(document.querySelectorAll("details[open] .s")); }

  function move(step) {
    var all = visibleSentences();
    if (!all.length) { return; }
    var i = selected ? all.indexOf(selected) : -1;
    var next = all[Math.min(all.length - 1, Math.max(0, i + step))];
    next.focus();
  }

  document.addEventListener("focusin", function (e) {
    var s = e.target.closest && e.target.closest(".s");
    if (s && !quiet) { select(s); }
  });
  document.addEventListener("click", function (e) {
    var s = e.target.closest(".s");
    if (s) { s.focus(); select(s); return; }
    if (e.target.closest("#close-detail")) {
      var was = selected;
      select(null);
      if (was) { quiet = true; was.focus({ preventScroll: true }); quiet = false; }  // keyboard users stay in place
      return;
    }
    var b = e.target.closest("#detail button[data-set]");
    if (b && selected) { setLabel(selected, b.dataset.set === "" ? null : b.dataset.set); selected.focus(); }
  });
  document.addEventListener("mouseover", function (e) {
    var s = e.target.closest(".s");
    if (s) { show(s); }
  });
  document.addEventListener("mouseout", function (e) {
    var s = e.target.closest(".s");
    if (s && !s.contains(e.relatedTarget)) { show(selected); }
  });
  document.addEventListener("keydown", function (e) {
    var s = e.target.closest && e.target.closest(".s");
    if (!s || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var n = parseInt(e.key, 10);
    if (n >= 1 && n <= labels.length) { setLabel(s, labels[n - 1].id); }
    else if (e.key === "0") { setLabel(s, null); }
    else if (e.key === "c") { setLabel(s, rowOf(s).label); }
    else if (e.key === "j" || e.key === "ArrowDown") { move(1); }
    else if (e.key === "k" || e.key === "ArrowUp") { move(-1); }
    else if (e.key === "Escape") { s.blur(); select(null); }
    else if (e.key === "Enter" || e.key === " ") { select(s); }
    else { return; }
    e.preventDefault();
  });

  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.filter, !box.checked);
    });
  });
  var onlyReview = document.getElementById("only-review");
  onlyReview.addEventListener("change", function () { document.body.classList.toggle("only-review", onlyReview.checked); });
  function openAll(open) {
    Array.prototype.forEach.call(document.querySelectorAll("details.article"), function (d) { d.open = open; });
  }
  document.getElementById("expand").addEventListener("click", function () { openAll(true); });
  document.getElementById("collapse").addEventListener("click", function () { openAll(false); });
  window.addEventListener("beforeprint", function () { openAll(true); });

  // The corrections in the format `factcheck train` and `factcheck annotate` read.
  function exportJsonl() {
    var time = new Date().toISOString();
    return Object.keys(edits).sort(function (a, b) {
      var x = a.split("-").map(Number), y = b.split("-").map(Number);
      return x[0] - y[0] || x[1] - y[1];
    }).map(function (key) {
      var parts = key.split("-"), doc = data.docs[+parts[0]], row = doc.rows[+parts[1]];
      return JSON.stringify({
        text: row.text, label: edits[key], doc_id: doc.name, source: doc.name, start: row.start, end: row.end,
        suggested: row.label, confidence: row.confidence, time: time
      }) + "\n";
    }).join("");
  }
  function updateExport() {
    var n = Object.keys(edits).length;
    exportButton.textContent = "Export corrections (" + n + ")";
    exportButton.disabled = n === 0;
  }
  exportButton.addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([exportJsonl()], { type: "application/x-ndjson" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = data.export_name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });
  document.getElementById("discard").addEventListener("click", function () {
    Object.keys(edits).forEach(function (key) { setLabel(sentenceAt(key), null); });
  });

  // Edits survive a reload in this browser, keyed by the report's content.
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(edits)); } catch (err) { /* storage off: edits live in the page only */ }
  }
  try {
    var kept = JSON.parse(localStorage.getItem(storeKey) || "{}");
    Object.keys(kept).forEach(function (key) {
      var s = sentenceAt(key);
      if (s && byId[kept[key]]) { setLabel(s, kept[key]); }
    });
  } catch (err) { /* nothing kept */ }
  updateExport();
  window.factcheckReport = { exportJsonl: exportJsonl, edits: edits };
})();
