// The intake review page from the keyboard: j/k move between quotes, a/r accept or reject,
// s edits the speaker, Esc leaves a field for the quotes again.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-proposal]"));
  if (!rows.length) return;
  var current = 0;
  function mark(index) {
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
  }
  function show(index) {
    mark(index);
    rows[current].scrollIntoView({ block: "nearest" });
    rows[current].querySelector("[data-accept]").focus({ preventScroll: true });
  }
  // The first quote is where the keys start (marked, not focused: the page is read from its top).
  mark(0);
  rows.forEach(function (row) { row.tabIndex = -1; });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var row = target.closest && target.closest("[data-proposal]");
    if (target.matches("input:not([type=checkbox]):not([type=radio]), textarea, select")) {
      if (event.key === "Escape" && row) {  // back to the quotes: the row, what was typed kept
        mark(rows.indexOf(row));
        row.focus();
        event.preventDefault();
      }
      return;
    }
    if (row) mark(rows.indexOf(row));
    var accept = rows[current].querySelector("[data-accept]");
    if (event.key === "j") { show(current + 1); }
    else if (event.key === "k") { show(current - 1); }
    else if (event.key === "a") { accept.checked = true; show(current + 1); }
    else if (event.key === "r") { accept.checked = false; show(current + 1); }
    else if (event.key === "s") { rows[current].querySelector("[data-speaker]").focus(); }
    else if (event.key === "u" && current > 0) { sameAsAbove(rows[current]); show(current + 1); }
    else { return; }
    event.preventDefault();
  });
  // The claim of the quote above: this row is recorded, under that row's claim.
  function sameAsAbove(row) {
    var join = row.querySelector("[data-join]");
    var to = row.querySelector("[data-join-to]");
    if (!join) return;
    to.value = rows[rows.indexOf(row) - 1].id.replace("proposal-", "") * 1 + 1;
    join.checked = true;
    row.querySelector("[data-accept]").checked = true;
  }
  // Typing the number of the quote whose claim a row shares chooses that claim.
  rows.forEach(function (row) {
    var to = row.querySelector("[data-join-to]");
    if (to) to.addEventListener("input", function () { row.querySelector("[data-join]").checked = true; });
  });
  // Naming a speaker for a row that had none means it should be recorded.
  // Pressing the box takes the focus from the speaker, whose change ticks the box before the
  // click would untick it again: the click sets the other of what the box showed when pressed.
  var pressed = null;  // {box, meant} from a pointer press on a row's box or its label
  rows.forEach(function (row) {
    var speaker = row.querySelector("[data-speaker]");
    var accept = row.querySelector("[data-accept]");
    speaker.addEventListener("change", function () { if (speaker.value.trim()) accept.checked = true; });
    (accept.closest("label") || accept).addEventListener("pointerdown", function () {
      pressed = { box: accept, meant: !accept.checked };
    });
    accept.addEventListener("click", function () {
      if (pressed && pressed.box === accept) accept.checked = pressed.meant;
      pressed = null;
    });
  });
  document.addEventListener("pointerup", function () {
    setTimeout(function () { pressed = null; }, 0);  // a press let go elsewhere is no click
  });
  // The role the page proposed was said of the speaker it proposed: another speaker named in
  // its place leaves the role empty (unless one was typed), and the proposed speaker brings it back.
  rows.forEach(function (row) {
    var speaker = row.querySelector("[data-speaker]");
    var role = row.querySelector("[data-role]");
    var proposedSpeaker = row.querySelector("[data-proposed-speaker]");
    var proposedRole = row.querySelector("[data-proposed-role]");
    if (!role || !proposedSpeaker || !proposedRole) return;
    function folded(text) { return text.trim().replace(/\s+/g, " ").toLowerCase(); }
    speaker.addEventListener("input", function () {
      if (role.value && folded(role.value) !== folded(proposedRole.value)) return;  // typed
      var same = folded(speaker.value) === folded(proposedSpeaker.value);
      role.value = same ? proposedRole.value : "";
    });
  });
  // A speaker renamed on one row may be renamed on the page's other rows that named the same
  // speaker: offered, never done unasked (those rows keep their ticks).
  function folded(text) { return text.trim().replace(/\s+/g, " ").toLowerCase(); }
  rows.forEach(function (row) {
    var speaker = row.querySelector("[data-speaker]");
    var before = speaker.value;
    speaker.addEventListener("focus", function () { before = speaker.value; });
    speaker.addEventListener("change", function () {
      offerRename(row, before, speaker.value);
      before = speaker.value;
    });
  });
  function offerRename(row, from, to) {
    var old = row.querySelector("[data-rename-others]");
    if (old) old.remove();
    if (!folded(from) || !folded(to) || folded(from) === folded(to)) return;
    var others = rows.filter(function (other) {
      return other !== row && folded(other.querySelector("[data-speaker]").value) === folded(from);
    });
    if (!others.length) return;
    var kind = row.querySelector("select[name^=kind-]");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.setAttribute("data-rename-others", "");
    button.textContent = "Also name \u201c" + to.trim() + "\u201d for the " + others.length +
      (others.length === 1 ? " other quote" : " other quotes") + " on this page given to \u201c" +
      from.trim() + "\u201d";
    button.addEventListener("click", function () {
      others.forEach(function (other) {
        var field = other.querySelector("[data-speaker]");
        field.value = to;
        field.dispatchEvent(new Event("input", { bubbles: true }));  // the role follows the name
        var otherKind = other.querySelector("select[name^=kind-]");
        // The kind too, "Guess" included: the other rows' kind was guessed from the old name.
        if (kind && otherKind) otherKind.value = kind.value;
      });
      // A kind chosen for the new name afterwards is that speaker's on the rows renamed with
      // it, as long as they still name it.
      if (kind) {
        kind.addEventListener("change", function () {
          others.forEach(function (other) {
            var otherKind = other.querySelector("select[name^=kind-]");
            var named = folded(other.querySelector("[data-speaker]").value) === folded(to);
            if (otherKind && named && folded(row.querySelector("[data-speaker]").value) === folded(to)) {
              otherKind.value = kind.value;
            }
          });
        });
      }
      var told = document.createElement("p");
      told.className = "help";
      told.setAttribute("role", "status");
      told.textContent = "Renamed on " + others.length + (others.length === 1 ? " other quote" : " other quotes") +
        "; tick the ones to record.";
      button.replaceWith(told);
    });
    row.querySelector("[data-speaker]").closest(".field").appendChild(button);
  }
}());
