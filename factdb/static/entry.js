// factdb: entering a claim quickly. The form works without this file: the server then
// adds citation rows, carries the document over and keeps the details open itself.
"use strict";

const ROW_NAME = /citations-\d+-/g;
const RENAMED = ["id", "name", "for", "list", "aria-describedby", "data-row", "data-id-field"];
//: Fields a new citation takes from the one before it: the same document, the same relation.
const CARRIED = ["document", "document_id", "relation"];

function fieldName(element) {
  const name = element.getAttribute("name") || "";
  return name.replace(ROW_NAME, "");
}

function renumber(row, index) {
  row.querySelectorAll("*").forEach((element) => {
    for (const attribute of RENAMED) {
      const value = element.getAttribute(attribute);
      if (value && value.match(ROW_NAME)) {
        element.setAttribute(attribute, value.replace(ROW_NAME, `citations-${index}-`));
      }
    }
  });
}

function clearRow(row, previous) {
  row.removeAttribute("id");
  row.classList.remove("removed");
  row.querySelectorAll(".error").forEach((message) => message.remove());
  row.querySelectorAll(".has-error").forEach((field) => field.classList.remove("has-error"));
  row.querySelectorAll("[aria-invalid]").forEach((field) => field.removeAttribute("aria-invalid"));
  // A new row is a new citation: no id, no version, nothing to remove.
  row.querySelectorAll("[data-existing-only]").forEach((element) => element.remove());
  const legend = row.querySelector("legend");
  if (legend) legend.textContent = "New citation";
  row.querySelectorAll("details").forEach((details) => (details.open = false));
  row.querySelectorAll("input, textarea, select").forEach((field) => {
    const name = fieldName(field);
    const from = previous.querySelector(`[name$="-${name}"]`);
    if (CARRIED.includes(name) && from) {
      field.value = from.value;
    } else if (field.tagName === "SELECT") {
      const initial = Array.from(field.options).find((option) => option.defaultSelected);
      field.value = initial ? initial.value : field.options[0]?.value ?? "";
    } else if (field.type === "checkbox" || field.type === "radio") {
      field.checked = false;
    } else {
      field.value = "";
    }
  });
}

function addCitationRow(form) {
  const rows = form.querySelectorAll("fieldset.citation");
  const last = rows[rows.length - 1];
  if (!last || rows.length >= Number(form.dataset.maxCitations || 50)) return false;
  const row = last.cloneNode(true);
  const index = Math.max(...Array.from(rows, (r) => Number(r.dataset.index || 0))) + 1;
  row.dataset.index = String(index);
  renumber(row, index);
  clearRow(row, last);
  last.after(row);
  row.querySelectorAll("input[data-suggest]").forEach((input) => {
    if (typeof attachSuggestions === "function") attachSuggestions(input);
  });
  const status = document.getElementById("citation-status");
  if (status) status.textContent = `Citation ${rows.length + 1} added.`;
  // The document is carried over: focus it with its text selected, so typing replaces
  // it and Tab keeps it.
  const first = row.querySelector("input:not([type=hidden]), textarea");
  if (first) {
    first.focus();
    if (first.select) first.select();
  }
  return true;
}

function showSimilar(textarea) {
  const box = document.getElementById("similar-claims");
  if (!box) return;
  let timer = null;
  let last = "";
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    const text = textarea.value.trim();
    if (text.split(/\s+/).length < 3 || text === last) return;
    timer = setTimeout(async () => {
      last = text;
      const url = new URL(box.dataset.url, window.location.href);
      url.searchParams.set("text", text);
      if (box.dataset.exclude) url.searchParams.set("exclude", box.dataset.exclude);
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const claims = await response.json();
        box.replaceChildren();
        if (!claims.length) return;
        const intro = document.createElement("p");
        intro.textContent = "Already recorded? Link to it rather than recording it twice:";
        const list = document.createElement("ul");
        for (const claim of claims) {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = claim.url;
          link.textContent = `#${claim.id}`;
          const status = document.createElement("em");
          status.textContent = claim.status_label.toLowerCase();
          item.append("Looks like ", link, ", ", status, `: ${claim.text}`);
          list.append(item);
        }
        box.append(intro, list);
      } catch (error) {
        // Suggestions are a convenience; saving works without them.
      }
    }, 300);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.claim-form");
  if (!form) return;
  form.querySelectorAll("fieldset.citation").forEach((row, index) => {
    if (!row.dataset.index) row.dataset.index = String(index);
  });
  const add = form.querySelector("[name=add_citation]");
  if (add) {
    add.addEventListener("click", (event) => {
      if (addCitationRow(form)) event.preventDefault();
    });
  }
  const text = form.querySelector("textarea[name=text]");
  if (text) showSimilar(text);
});
