"""What a person types in a search box, read the way web search engines read it.

Words are ANDed; "an exact phrase" stays a phrase; -word (or -"a phrase") leaves out what
has it; OR between two words accepts either; a trailing * makes a prefix. The same reading
is written out for SQLite's FTS5 and PostgreSQL's to_tsquery, built only from quoted terms
and word characters, so that no input (AND, NEAR, brackets, colons, a lone * or an
unbalanced quote) can be a syntax error on either engine or mean something else there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdb.search_fold import fold, fold_letters

MAX_QUERY_LENGTH = 500
MAX_TERMS = 16
#: A quoted phrase, perhaps excluded, its closing quote optional; or any run of non-space.
_TOKEN = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        """The term as one quoted FTS5 phrase: nothing inside quotes is an operator."""
        phrase = fold_letters(" ".join(self.words)).replace('"', '""')
        return f'"{phrase}"' + ("*" if self.prefix else "")

    def tsquery(self) -> str:
        """The term as quoted lexemes, followed by one another when there are several."""
        lexemes = [f"'{fold(word).lower()}'" for word in self.words]
        if self.prefix:
            lexemes[-1] += ":*"
        return "(" + " <-> ".join(lexemes) + ")" if len(lexemes) > 1 else lexemes[0]

    def typed(self) -> str:
        """The term as a person would type it again."""
        text = " ".join(self.words)
        return f'"{text}"' if len(self.words) > 1 else text + ("*" if self.prefix else "")


def _either(parts: list[str], joined_by: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + joined_by.join(parts) + ")"


@dataclass(frozen=True)
class Query:
    #: ANDed groups, each group's terms ORed.
    groups: tuple[tuple[Term, ...], ...]
    #: Terms a match must not have.
    excluded: tuple[Term, ...] = ()

    @property
    def terms(self) -> tuple[Term, ...]:
        """The terms a match is looked for by (not the excluded ones)."""
        return tuple(term for group in self.groups for term in group)

    def positive(self) -> Query:
        """The query without its exclusions."""
        return Query(self.groups)

    def any_excluded(self) -> Query:
        """A query matching whatever has one of the excluded terms."""
        return Query((self.excluded,)) if self.excluded else Query(())

    def excluded_text(self) -> str:
        """The excluded terms as typed: `-bridge -"toll road"`."""
        return " ".join("-" + term.typed() for term in self.excluded)

    def fts5(self) -> str:
        """An FTS5 MATCH expression: every term quoted, so nothing typed is read as an operator."""
        positive = " AND ".join(_either([t.fts5() for t in group], " OR ") for group in self.groups)
        if not self.excluded:
            return positive
        if len(self.groups) > 1:
            positive = f"({positive})"
        return positive + " NOT (" + " OR ".join(t.fts5() for t in self.excluded) + ")"

    def tsquery(self, joined_by: str = " & ") -> str:
        """A PostgreSQL to_tsquery expression built from word characters only."""
        parts = [_either([t.tsquery() for t in group], " | ") for group in self.groups]
        if self.excluded and joined_by.strip() == "&":
            parts.append("!(" + " | ".join(t.tsquery() for t in self.excluded) + ")")
        return joined_by.join(parts)

    def longest_word(self) -> str:
        """The query's longest word, lower-cased: where a snippet is likeliest to be centred right."""
        return max((word for term in self.terms for word in term.words), key=len).lower()


def only_excluded_message(query: Query | None) -> str:
    """What to say when a query only leaves things out: there is nothing to look for."""
    if query is None or query.groups:
        return ""
    return (
        f"{query.excluded_text()} only says what to leave out: add a word to search for, "
        "as in kroner -bridge."
    )


def parse_query(raw: str) -> Query | None:
    """Read what a person typed; None when nothing searchable is left (only punctuation, say)."""
    raw = (raw or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    groups: list[tuple[Term, ...]] = []
    excluded: list[Term] = []
    joining = last_kept = False
    kept = 0
    for minus, phrase, word in _TOKEN.findall(raw):
        if not phrase and word.upper() == "OR":
            # Only between two kept words; a stray OR (first, last, doubled) is dropped.
            joining = last_kept
            continue
        negated = bool(minus) or (word.startswith("-") and len(word) > 1)
        chunk = phrase if (phrase or minus) else word.lstrip("-") if negated else word
        # "don't" or "e-mail": several words in a row, searched as a phrase.
        words = tuple(_WORD.findall(chunk))
        if not words:
            joining = False
            continue
        term = Term(words, prefix=not phrase and not minus and chunk.endswith("*"))
        if negated:
            excluded.append(term)
        elif joining:
            groups[-1] += (term,)
        else:
            groups.append((term,))
        joining, last_kept = False, not negated
        kept += 1
        if kept >= MAX_TERMS:
            break
    return Query(tuple(groups), tuple(excluded)) if groups or excluded else None
