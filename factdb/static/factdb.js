// factdb: small enhancements only. Every page works without this file.
"use strict";

// Fill a <datalist> with suggestions from a JSON endpoint as the user types. Where the
// input names a hidden id field (data-id-field), a picked suggestion puts its id there and
// any other text clears it: the server then looks the typed name up itself.
function attachSuggestions(input) {
  const url = input.dataset.suggest;
  const list = document.getElementById(input.getAttribute("list"));
  if (!url || !list) return;
  const idField = input.dataset.idField ? document.getElementById(input.dataset.idField) : null;
  let timer = null;
  let last = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (idField) {
      const picked = Array.from(list.options).find((option) => option.value === input.value);
      idField.value = picked ? picked.dataset.id : "";
      if (picked) return;
    }
    const query = input.value.trim();
    if (query.length < 2 || query === last || /\[#\d+\]$/.test(query)) return;
    timer = setTimeout(async () => {
      last = query;
      try {
        const response = await fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const items = await response.json();
        const names = items.map((item) => item.name);
        list.replaceChildren(
          ...items.map((item) => {
            const option = document.createElement("option");
            // Namesakes are told apart by their detail (a role, a year), which the server accepts too.
            const namesake = names.indexOf(item.name) !== names.lastIndexOf(item.name);
            option.value = !idField ? item.label : namesake ? `${item.name} (${item.detail})` : item.name;
            if (idField && item.detail) option.label = item.detail;
            option.dataset.id = item.id;
            return option;
          }),
        );
      } catch (error) {
        // Suggestions are a convenience; typing a name still works.
      }
    }, 150);
  });
}

async function fillTags(input) {
  const list = document.getElementById(input.getAttribute("list"));
  try {
    const response = await fetch(input.dataset.suggestTags, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const tags = await response.json();
    list.replaceChildren(
      ...tags.map((tag) => {
        const option = document.createElement("option");
        option.value = tag.name;
        return option;
      }),
    );
  } catch (error) {
    // Not essential.
  }
}

// Enter in a field with suggestions picks a suggestion (the browser's list does that), never
// sends the whole form: a half-typed title would be saved as it stands.
function keepEnter(event) {
  if (event.key === "Enter" && !event.isComposing) event.preventDefault();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-suggest]").forEach(attachSuggestions);
  document.querySelectorAll("input[data-suggest-tags]").forEach(fillTags);
  document
    .querySelectorAll("input[data-suggest], input[data-suggest-tags]")
    .forEach((input) => input.addEventListener("keydown", keepEnter));
});

// One box ticks (or clears) every claim on the page; shown only where this file runs.
document.addEventListener("DOMContentLoaded", () => {
  const pickAll = document.getElementById("pick-all");
  if (!pickAll) return;
  const rows = pickAll.closest("table").querySelectorAll('tbody input[name="claim"]');
  pickAll.hidden = false;
  pickAll.addEventListener("change", () => {
    rows.forEach((box) => {
      box.checked = pickAll.checked;
    });
  });
});

// Copy an export to the clipboard; the textarea stays selectable by hand as well.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    button.addEventListener("click", async () => {
      const area = document.getElementById(button.dataset.copy);
      const status = document.getElementById("copy-status");
      try {
        await navigator.clipboard.writeText(area.value);
        if (status) status.textContent = "Copied.";
      } catch (error) {
        area.select();
        if (status) status.textContent = "Press Ctrl+C (or ⌘C) to copy the selected text.";
      }
    });
  });
});

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-copy-text]").forEach((button) => {
    button.addEventListener("click", async () => {
      const text = document.getElementById(button.dataset.copyText).textContent;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch (error) {
        button.textContent = "Select and copy by hand";
      }
    });
  });
});

// Cite a passage: selecting words in a document's stored text offers a link to the
// citation form with the words and where they start (to tell repeated words apart).
// Without this, the form below the text takes pasted words.
function offsetWithin(container, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("stored-text");
  if (!text || !text.dataset.citeUrl) return;
  const form = text.parentElement.querySelector("form.cite-passage");
  if (!form) return;
  const link = document.createElement("a");
  link.className = "button primary cite-selection";
  link.textContent = "Cite this passage";
  link.hidden = true;
  text.after(link);
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    const quote = selection ? selection.toString().trim() : "";
    if (!quote || !text.contains(selection.anchorNode) || !text.contains(selection.focusNode)) {
      link.hidden = true;
      return;
    }
    const range = selection.getRangeAt(0);
    const raw = range.toString();
    const start = offsetWithin(text, range.startContainer, range.startOffset) + (raw.length - raw.trimStart().length);
    const params = new URLSearchParams({ quote: quote, start: String(start) });
    link.href = text.dataset.citeUrl + "?" + params.toString();
    form.querySelector("textarea[name=quote]").value = quote;
    form.querySelector("input[name=start]").value = String(start);
    link.hidden = false;
  });
});

// After a refused save, the first field in error takes the focus, not the form's first field
// (an autofocus set for a fresh form would otherwise send the user back to the top).
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("main form [aria-invalid=true]");
  if (invalid) invalid.focus();
});

// A long text field says how much of its limit is used, as the user types or pastes: the
// browser cuts a paste past maxlength without a word.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("main textarea[maxlength]").forEach((area) => {
    const limit = Number(area.getAttribute("maxlength"));
    if (!limit || limit < 1000) return;
    const note = document.createElement("p");
    note.className = "help char-count";
    note.setAttribute("aria-live", "polite");
    area.after(note);
    let cut = 0;
    const show = () => {
      const used = area.value.length;
      note.textContent = `${used.toLocaleString("en")} of ${limit.toLocaleString("en")} characters`;
      if (cut > 0) {
        note.textContent += `: the text pasted was ${cut.toLocaleString("en")} characters too long, and its end was cut off. Shorten it, or split the claim.`;
      }
      note.classList.toggle("error", cut > 0 || used >= limit);
    };
    area.addEventListener("paste", (event) => {
      const pasted = event.clipboardData ? event.clipboardData.getData("text").length : 0;
      const selected = area.selectionEnd - area.selectionStart;
      cut = Math.max(0, area.value.length - selected + pasted - limit);
      setTimeout(show, 0);
    });
    area.addEventListener("input", () => {
      if (area.value.length < limit) cut = 0;
      show();
    });
    show();
  });
});
