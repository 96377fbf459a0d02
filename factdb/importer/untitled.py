"""A title for an entry that has none: reference managers export untitled items (a dataset,
a personal communication), and refusing the file for them lost every other entry.

The title says what the item is, in square brackets as APA writes a description in place
of a title ("[Dataset by Mara Quill, 2019]"), so it reads as no quotation of a real title,
and names who and when so that two untitled items of a file stay two documents."""

from __future__ import annotations

from factdb.importer.model import Reference


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
    title = (
        f"{kind} by {who}"
        if who
        else f"Untitled {kind.lower()}"
        if not document.published
        else kind
    )
    if document.published:
        title += f", {document.published}"
    document.title = f"[{title}]"
    reference.label = reference.label or document.title[:40]
    reference.note(f"the entry has no title: recorded as “{document.title}”")
