"""A person named after a long compound title written right against the cue.

`Deputy Assistant Secretary of State for Consular Affairs John Smith said`, `Chief Executive
Officer and co-founder of Acme Robotics Jane Doe said`, `said Executive Vice President for
Sales at Nordwind Energy Lena Holt`: the parser hangs the name on the title's last `of` or
`for`, and the recogniser often reads the organisation and the name as one organisation's.
The speaker is the name nearest the cue; the whole title before it is the role, never the
organisation inside it and never part of the name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from factdb.intake.groups import ORGANISATION_NOUNS
from factdb.intake.mentions import PERSON, Named
from factdb.intake.phrases import clean_name, tokens_text
from factdb.intake.roles import ROLE_HEADS, bare_word, is_person_noun

#: Words that join the parts of a compound title.
_LINKS = frozenset(["of", "for", "to", "at", "and", "&", "the", "on", "in"])
#: Words that open a title without being an office themselves ("Deputy" is one already).
_OPENERS = frozenset(["assistant", "senior", "vice", "associate", "managing", "principal"])
#: How the words before a title may qualify it: "Norland's", "new", "the".
_QUALIFIERS = frozenset({"poss", "case", "amod", "det"})
#: Most words a title and its name may hold.
_LONGEST = 16


def titled_person(cue: Token) -> tuple[Named, Token] | None:
    """The person a long title names right before the cue, or right after an inverted one."""
    phrase = _before(cue) or _after(cue)
    if phrase is None:
        return None
    name = _name_at_end(phrase)
    if name is None:
        return None
    before = phrase[: phrase.index(name[0])]
    if any(t.ent_type_ == "PERSON" for t in before):
        return None  # "Secretary John Smith and Defence Secretary Ana Ruiz said": two people
    role = tokens_text(before)
    person, _titles = clean_name(name)
    sure = all(t.ent_type_ == "PERSON" for t in name)
    how = "named after a long title" + ("" if sure else ", the two words nearest the cue")
    return Named(person, PERSON, role, how=how, confidence=0.9 if sure else 0.75), name[-1]


def _before(cue: Token) -> list[Token] | None:
    """The words between the cue and the punctuation or quotation mark before it."""
    doc = cue.doc
    start = cue.i
    while start > 0 and cue.i - start < _LONGEST and _in_title(doc[start - 1]):
        start -= 1
    return _title_phrase(list(doc[start : cue.i])) if _opens_phrase(doc, start) else None


def _opens_phrase(doc: Doc, start: int) -> bool:
    """Whether a title opens its phrase: after punctuation, or after only the words that
    qualify it ("Norland's new Ambassador to …", "the country's Minister of …")."""
    left = doc[start].left_edge.i if start < len(doc) else start
    if left < start and all(
        doc[i].dep_ in _QUALIFIERS and left <= doc[i].head.i <= start for i in range(left, start)
    ):
        start = left
    return start == 0 or doc[start - 1].is_punct or doc[start - 1].is_sent_end


def _after(cue: Token) -> list[Token] | None:
    """ "“…,” said Executive Vice President … Lena Holt.": the words after an inverted cue."""
    doc = cue.doc
    if cue.i == 0 or not doc[cue.i - 1].is_punct:
        return None
    end = cue.i + 1
    while end < len(doc) and end - cue.i <= _LONGEST and _in_title(doc[end]):
        end += 1
    at_edge = end == len(doc) or doc[end].is_punct
    return _title_phrase(list(doc[cue.i + 1 : end])) if at_edge else None


def _in_title(token: Token) -> bool:
    """A word a title and a name are written with: a capitalised word, an initial, a joining
    word, or the parts of "co-founder"."""
    text = token.text
    if token.is_space or token.is_quote or (token.tag_.startswith("VB") and not text[:1].isupper()):
        return False
    if text == "-" and not token.whitespace_:
        return True
    return text[:1].isupper() or text.lower() in _LINKS or is_person_noun(text) or text == "co"


def _title_phrase(words: list[Token]) -> list[Token] | None:
    """The words when they are a compound title: an office first, joined parts after it."""
    if len(words) < 5 or not words[0].text[:1].isupper():
        return None
    opening = words[1:3] if words[0].lower_ == "the" else words[:2]
    # "Deputy …", "Senior Vice President …", "The Adjutant General of …"
    if not any(bare_word(t) in ROLE_HEADS or bare_word(t) in _OPENERS for t in opening):
        return None
    if not any(t.lower_ in {"of", "for", "to", "at", "and"} for t in words):
        return None
    return words


def _name_at_end(phrase: list[Token]) -> list[Token] | None:
    """The name ending the phrase: a person the recogniser found there, or the last two
    capitalised words after the title's last joining word when three or more follow it."""
    last_link = max(i for i, t in enumerate(phrase) if t.lower_ in _LINKS)
    tail = phrase[last_link + 1 :]
    people = [t for t in tail if t.ent_type_ == "PERSON"]
    if len(people) >= 2 and people[-1] == phrase[-1]:
        return phrase[phrase.index(people[0]) :]
    if len(tail) < 3 or not all(t.text[:1].isupper() for t in tail):
        return None
    name = tail[-2:]
    if any(not _name_like(t) for t in name):
        return None
    return name


def _name_like(token: Token) -> bool:
    """A word of a person's name: a capital, then lower case, no office and no body."""
    word = bare_word(token)
    return (
        token.text[:1].isupper()
        and token.text[1:].islower()
        and token.text.isalpha()
        and word not in ROLE_HEADS
        and word not in ORGANISATION_NOUNS
        and token.ent_type_ not in {"GPE", "LOC", "NORP"}
    )
