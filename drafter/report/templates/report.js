/* drafter check report: filters by severity, category and measure; live count.
   The filter state lives in the URL hash (#severity=error&category=style&measure=23)
   so a filtered view can be bookmarked or sent on. No network, no dependencies. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));
  var count = document.getElementById("visible-count");
  var measureSelect = document.getElementById("measure-filter");
  var reset = document.getElementById("reset-filters");
  var LISTS = ["severity", "category"];

  function boxes(name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name='" + name + "']"));
  }

  function checked(name) {
    var values = {};
    boxes(name).forEach(function (box) { if (box.checked) { values[box.value] = true; } });
    return values;
  }

  function allChecked(name) {
    return boxes(name).every(function (box) { return box.checked; });
  }

  function parseHash() {
    var hash = window.location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) { return null; }
    var state = {};
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) { return; }
      var key = decodeURIComponent(pair.slice(0, at));
      var value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      state[key] = value;
    });
    return state;
  }

  function applyHash() {
    var state = parseHash();
    if (!state) { return false; }
    LISTS.forEach(function (name) {
      if (!(name in state)) {
        boxes(name).forEach(function (box) { box.checked = true; });
        return;
      }
      var wanted = {};
      state[name].split(",").forEach(function (v) { wanted[v.trim()] = true; });
      boxes(name).forEach(function (box) { box.checked = !!wanted[box.value]; });
    });
    var measure = state.measure || "";
    var known = Array.prototype.some.call(measureSelect.options, function (o) { return o.value === measure; });
    measureSelect.value = known ? measure : "";
    return true;
  }

  function writeHash() {
    var parts = [];
    LISTS.forEach(function (name) {
      if (!allChecked(name)) {
        parts.push(name + "=" + Object.keys(checked(name)).map(encodeURIComponent).join(","));
      }
    });
    if (measureSelect.value) { parts.push("measure=" + encodeURIComponent(measureSelect.value)); }
    var url = window.location.pathname + window.location.search + (parts.length ? "#" + parts.join("&") : "");
    try {
      window.history.replaceState(null, "", url);
    } catch (e) {
      /* Some viewers (mail clients, sandboxed previews) forbid it; filtering still works. */
    }
  }

  function apply() {
    var severities = checked("severity");
    var categories = checked("category");
    var hasCategories = boxes("category").length > 0;
    var measure = measureSelect.value;
    var shown = 0;
    findings.forEach(function (item) {
      var visible = !!severities[item.getAttribute("data-severity")] &&
        (!hasCategories || !!categories[item.getAttribute("data-category")]) &&
        (!measure || item.getAttribute("data-measure") === measure);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li.finding:not([hidden])");
    });
    files.forEach(function (file) {
      var note = file.querySelector(".filtered-out");
      var total = file.querySelectorAll("li.finding").length;
      if (note) { note.hidden = total === 0 || !!file.querySelector("li.finding:not([hidden])"); }
    });
    var text = "Showing " + shown + " of " + findings.length + " findings";
    count.textContent = text;
    document.documentElement.setAttribute("data-visible-findings", String(shown));
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function () { apply(); writeHash(); });
  reset.addEventListener("click", function () {
    LISTS.forEach(function (name) { boxes(name).forEach(function (box) { box.checked = true; }); });
    measureSelect.value = "";
    apply();
    writeHash();
  });
  window.addEventListener("hashchange", function () { if (applyHash()) { apply(); } });
  applyHash();
  apply();
}());
