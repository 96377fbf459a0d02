"""A title for an entry that has none: reference managers export untitled items (a dataset,
a personal communication), and refusing the file for them lost every other entry.

The title says what the item is, in square brackets as APA writes a description in place
of a title ("[Dataset by Mara Quill, 2019]"), so it reads as no quotation of a real title,
and names who and when so that two untitled items of a file stay two documents. An item
with no author is also described by the first thing it does carry (its outlet, publisher, address
or a note: "[Untitled work: Interview with the harbour master]"), else by its citation key (RIS
`ID`, the BibTeX key: "[Untitled work: gullnotes]"), the name the user's library gives it: a bare
"[Untitled work]" would make every such item of a library the same document, by title and year."""

from __future__ import annotations

import re

from factdb.importer.model import Reference

#: How much of a note or an address an untitled item's description quotes.
HINT_LENGTH = 60


def _hint(reference: Reference) -> str:
    """The first field that tells this untitled, unauthored item from another."""
    document = reference.document
    url = re.sub(r"^[a-z][a-z0-9+.-]*://(www\.)?", "", document.url or "", flags=re.I)
    candidates = [document.container_title, document.publisher, document.event, url]
    candidates += [value for value in reference.extra.values() if isinstance(value, str)]
    # The citation key last, as RIS's ID and BibTeX's key alike: no description, but what
    # tells two otherwise bare items of one library apart ("[Untitled work: quill2019]");
    # without it they were one document, the second matched to the first.
    candidates.append(reference.key)
    for candidate in candidates:
        words = " ".join((candidate or "").split()).strip(" .,;:")
        if words:
            if len(words) > HINT_LENGTH:
                words = words[:HINT_LENGTH].rsplit(" ", 1)[0].rstrip(" .,;:") + "…"
            return words
    return ""


def describe_untitled(reference: Reference, kind: str) -> None:
    """Give the untitled `reference` a title naming its `kind`, first authors and date, and
    note it for the preview."""
    document = reference.document
    names = [author.name for author in reference.authors if getattr(author, "name", "")]
    who = ""
    if len(names) > 2:
        who = f"{names[0]} et al."
    elif names:
        who = " and ".join(names)
    kind = kind[:1].upper() + kind[1:].lower()
    if who:
        title = f"{kind} by {who}"
    else:
        hint = _hint(reference)
        title = kind if document.published else f"Untitled {kind.lower()}"
        title += f": {hint}" if hint else ""
    if document.published:
        title += f", {document.published}"
    document.title = f"[{title}]"
    reference.label = reference.label or document.title[:40]
    reference.note(f"the entry has no title: recorded as “{document.title}”")
