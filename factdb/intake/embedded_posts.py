"""Posts embedded in a pasted web page: the words of the account that signed them.

A page with an embedded post, copied as text, keeps the post's words on a line of their own
and, under them, its signature: `— Harbour Board (@HarbourBoard) March 3, 2026`. Neither is
the article's own sentence: the words are the account's (a quotation without quotation
marks), the signature is furniture. Read as plain text they were offered as the article's
checkable claims and the signature as one more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdb.source_kinds import guess_source_kind
from factdb.vocab import SourceKind

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
#: `— Name (@handle) July 26, 2021`: how an embedded post on X (Twitter) signs itself.
_SIGNATURE = re.compile(
    r"^[ \t]*(?:—|–|-|&mdash;)[ \t]*(?P<name>[^\n()]{1,80}?)[ \t]*"
    rf"\((?P<handle>@\w{{1,30}})\)[ \t]*(?P<date>{_MONTH}[ \t]+\d{{1,2}},[ \t]*\d{{4}})[ \t]*$",
    re.MULTILINE,
)
#: Links a post's words end with: its pictures and shortened addresses.
_TRAILING_LINKS = re.compile(
    r"(?:\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+|https?://\S+))+\s*$"
)


@dataclass(frozen=True)
class EmbeddedPost:
    """One embedded post: its words, who signed it, and where its signature stands."""

    start: int
    end: int
    author: str
    handle: str
    signature_start: int
    signature_end: int
    #: Where the author's name stands in the signature.
    author_start: int

    @property
    def author_kind(self) -> str:
        """ "person" or "organisation", as the intake tells its speakers apart."""
        return "person" if guess_source_kind(self.author) is SourceKind.PERSON else "organisation"

    @property
    def author_end(self) -> int:
        return self.author_start + len(self.author)


def embedded_posts(text: str) -> list[EmbeddedPost]:
    """The posts embedded in `text`: the paragraph above each signature, less its links."""
    posts = []
    for signature in _SIGNATURE.finditer(text):
        words = _paragraph_above(text, signature.start())
        if words is None or _SIGNATURE.match(text, words[0]):
            continue
        start, end = words
        links = _TRAILING_LINKS.search(text, start, end)
        if links is not None:
            end = links.start()
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(text[start:end].split()) < 2:
            continue
        posts.append(
            EmbeddedPost(
                start,
                end,
                signature.group("name").strip(),
                signature.group("handle"),
                signature.start(),
                signature.end(),
                signature.start("name"),
            )
        )
    return posts


def _paragraph_above(text: str, line_start: int) -> tuple[int, int] | None:
    """The non-empty line (paragraph) right above the signature's line, if there is one."""
    end = line_start
    while end > 0 and text[end - 1] in "\r\n \t":
        end -= 1
    if end == 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end
