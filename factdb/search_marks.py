"""Snippets cut from and marked on the text as stored, for words found only through folding.

SQLite finds `Ostervangen` in `Østervangen` through the index's folded column, whose
snippet would show the folded text (and a document's title glued to its text); PostgreSQL's
ts_headline marks only the words it finds as stored. Here the stored text is marked where a
word folds to one of the query's words (factdb.search_fold).
"""

from __future__ import annotations

import re

from factdb.search_fold import fold
from factdb.search_syntax import Query

START, STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
_MARKED = re.compile(f"({START}[^{STOP}]*{STOP})")
#: Words a snippet cut here holds, as many as SQLite's snippet() is asked for.
WORDS = 14


def _folded(word: str) -> str:
    return fold(word).casefold()


def _matcher(query: Query):
    """A test of one stored word against the query's words, each folded alike."""
    whole = {_folded(w) for term in query.terms for w in term.words}
    prefixes = tuple(_folded(term.words[-1]) for term in query.terms if term.prefix)

    def matches(word: str) -> bool:
        folded = _folded(word)
        return folded in whole or bool(prefixes and folded.startswith(prefixes))

    return matches


def mark_folded(snippet: str, query: Query) -> str:
    """Mark the words of `snippet` left unmarked that fold to a word of the query."""
    matches = _matcher(query)
    parts = _MARKED.split(snippet)
    for i in range(0, len(parts), 2):  # the even parts lie outside any mark
        parts[i] = _WORD.sub(
            lambda m: f"{START}{m.group()}{STOP}" if matches(m.group()) else m.group(), parts[i]
        )
    return "".join(parts)


def stored_snippet(texts: list[str], query: Query) -> str | None:
    """A snippet of the first stored text with a word folding to the query's, marked (or None)."""
    matches = _matcher(query)
    for stored in texts:
        words = list(_WORD.finditer(stored or ""))
        first = next((n for n, w in enumerate(words) if matches(w.group())), None)
        if first is None:
            continue
        start = max(0, min(first - 3, len(words) - WORDS))
        end = min(len(words), start + WORDS)
        left = 0 if start == 0 else words[start].start()
        right = len(stored) if end == len(words) else words[end - 1].end()
        cut = mark_folded(stored[left:right], query)
        return ("…" if left else "") + cut + ("…" if right < len(stored) else "")
    return None
