// factdb: small enhancements only. Every page works without this file.
"use strict";

// Fill a <datalist> with suggestions from a JSON endpoint as the user types.
function attachSuggestions(input) {
  const url = input.dataset.suggest;
  const list = document.getElementById(input.getAttribute("list"));
  if (!url || !list) return;
  let timer = null;
  let last = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
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
        list.replaceChildren(
          ...items.map((item) => {
            const option = document.createElement("option");
            option.value = item.label;
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

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-suggest]").forEach(attachSuggestions);
  document.querySelectorAll("input[data-suggest-tags]").forEach(fillTags);
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
