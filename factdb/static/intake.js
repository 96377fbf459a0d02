// The intake review page from the keyboard: j/k move between quotes, a/r accept or reject, s edits the speaker.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-proposal]"));
  if (!rows.length) return;
  var current = 0;
  function show(index) {
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].scrollIntoView({ block: "nearest" });
    rows[current].querySelector("[data-accept]").focus({ preventScroll: true });
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.matches("input:not([type=checkbox]):not([type=radio]), textarea, select")) return;
    var row = target.closest && target.closest("[data-proposal]");
    if (row) current = rows.indexOf(row);
    var accept = rows[current].querySelector("[data-accept]");
    if (event.key === "j") { show(current + 1); }
    else if (event.key === "k") { show(current - 1); }
    else if (event.key === "a") { accept.checked = true; show(current + 1); }
    else if (event.key === "r") { accept.checked = false; show(current + 1); }
    else if (event.key === "s") { rows[current].querySelector("[data-speaker]").focus(); }
    else { return; }
    event.preventDefault();
  });
  // Naming a speaker for a row that had none means it should be recorded.
  rows.forEach(function (row) {
    var speaker = row.querySelector("[data-speaker]");
    var accept = row.querySelector("[data-accept]");
    speaker.addEventListener("change", function () { if (speaker.value.trim()) accept.checked = true; });
  });
}());
