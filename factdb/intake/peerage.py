"""Titles of peers and knights: "Lord Pellow", "Sir Richard", "Dame Ana", "Baroness Kestrel".

A peer is named by the title and one word ("Lord Pellow" is how the House and the papers call
him, "Pellow" alone names nobody), and a knight or a dame, once named in full, is called by
the title and the first name ("Sir Richard"). Dropped like "Mr", the title left a surname or a
first name alone, which no later mention could tell from anybody else's. So a title of this
kind before a name of one word stays in the name; before a name of two words or more it is an
honorific and goes ("Sir Richard Dearlove" is Richard Dearlove). Where the article names the
person in full, the titled name is that person ("Sir Richard" after Sir Richard Dearlove).
"""

from __future__ import annotations

from spacy.tokens import Token

#: Folded, as the article writes them before a name.
PEERAGE_TITLES = frozenset(
    {"sir", "dame", "lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl",
     "countess", "marquess"}
)  # fmt: skip


def is_peerage_title(token: Token) -> bool:
    """Whether a word is such a title, written with a capital ("Lord", never "lord")."""
    return token.text[:1].isupper() and token.lower_.rstrip(".") in PEERAGE_TITLES


def title_before(words: list[Token], cut: int) -> str | None:
    """The title to keep before a name of one word: the last title cut from `words` (at index
    `cut`), or the word just before them when the recogniser left it out of the name."""
    if len(words) - cut - 1 != 1:
        return None
    if cut >= 0:
        return words[cut].text if is_peerage_title(words[cut]) else None
    first = words[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    return before.text if before is not None and is_peerage_title(before) else None


def titled_word(name: str) -> str | None:
    """The word a titled name of two words keeps after its title ("Pellow" of "Lord Pellow")."""
    words = name.split()
    if len(words) == 2 and words[0].casefold() in PEERAGE_TITLES:
        return words[1]
    return None


def in_full(titled: str, full: str) -> str:
    """The titled name's person named in full (`full`, as looked up), else the titled name."""
    return full if " " in full and not titled_word(full) else titled
