"""Honorifics written before a name the world over: "Datuk Seri", "Tan Sri", "Tun", "Dato' Sri",
"Alhaji", "Engr.", "Barr.", "Shri", "Smt.", "Pehin", "Imam", "Ustaz", "Rt Hon", "Mr Justice".

The recogniser knows the British and American ones; these it reads badly. It takes "Datuk Seri"
for the whole name and leaves out the name after it, keeps "Sri" of "Dato' Sri" as a first name,
or cuts "Shri Ramesh Kumar Verma" in two. Whatever the recogniser read, the person is the run of
name words after the honorifics, and the honorifics are no part of the name: "said Prime
Minister Datuk Seri Razlan Tun Hamdan" names Razlan Tun Hamdan ("Tun" inside a name stays, it
is his father's title). A name of one word keeps its honorific ("Sheikh Farooq", "Datuk
Halim"), as the article writes that person; so does every name after "Sheikh", which is a
family name in South Asia as often as a title in the Gulf.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from factdb.intake.groups import ORGANISATION_NOUNS
from factdb.intake.roles import HONORIFICS, ROLE_HEADS, TITLE_WORDS, bare_word, is_person_noun
from factdb.intake.surnames import PARTICLES

#: Honorifics, folded, without full stops or apostrophes; the longest is tried first.
SEQUENCES: frozenset[tuple[str, ...]] = frozenset(
    tuple(words.split())
    for words in (
        # Malaysia and Brunei
        "tan sri", "puan sri", "toh puan", "datuk seri", "datuk sri", "dato seri", "dato sri",
        "datuk wira", "datuk patinggi", "datin seri", "datin sri", "datin paduka", "datuk",
        "dato", "datin", "tun", "yb", "yab", "pehin",
        # Islamic, West African and South Asian forms of address
        "haji", "hajjah", "hajah", "hajia", "alhaji", "alhaja", "alh", "imam", "ustaz",
        "ustazah", "sheikh", "shaikh", "sheikha", "shri", "shrimati", "smt", "sh", "pastor",
        "engr", "barr",
        # Westminster and the courts
        "rt hon", "right honourable", "mr justice", "mrs justice", "ms justice", "lord justice",
        "lady justice",
    )
)  # fmt: skip
#: Honorifics that are as often part of the name as a title: kept in the name.
KEPT_IN_NAME = frozenset({"sheikh", "shaikh", "sheikha"})
_FIRST_WORDS = frozenset(words[0] for words in SEQUENCES)
_LONGEST = max(len(words) for words in SEQUENCES)
#: Words after a name that make it a place or a building: "Haji Lane", "Imam Bonjol Street".
_PLACE_WORDS = frozenset(
    {
        "street", "road", "lane", "avenue", "jalan", "square", "mosque", "masjid", "bridge",
        "park", "hall", "station", "airport", "stadium", "market", "highway", "district",
    }
)  # fmt: skip
#: Most words a name after its honorifics may hold.
_NAME_WORDS = 6
_ROMAN = frozenset({"ii", "iii", "iv", "v", "vi"})


def with_names_after_honorifics(doc: Doc) -> list[Span]:
    """The recogniser's entities, each name written after such honorifics made one person's."""
    ents = list(doc.ents)
    index = 0
    while index < len(doc):
        found = _person_after(doc, index)
        if found is None:
            index += 1
            continue
        start, end = found
        honorific_start = index
        ents = [e for e in ents if e.end <= honorific_start or e.start >= end]
        ents.append(Span(doc, start, end, label="PERSON"))
        index = end
    ents = [_regnal_person(e) for e in ents]
    return sorted(ents, key=lambda e: e.start)


def _regnal_person(ent: Span) -> Span:
    """ "Nii Tetteh Kwao II" read as an organisation's: capitalised name words and a regnal
    numeral are a person's name; no body is numbered so."""
    words = list(ent)
    if (
        ent.label_ == "ORG"
        and len(words) >= 3
        and words[-1].text in {"II", "III", "IV"}
        and all(_name_word(ent.doc, t.i, True) for t in words[:-1])
    ):
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def _person_after(doc: Doc, index: int) -> tuple[int, int] | None:
    """(start, end) of the person named after honorifics opening at `index`, if any."""
    if not _opens_a_name(doc, index):
        return None
    after, kept = _honorifics_end(doc, index)
    if after == index or _fold(doc[index]) not in _FIRST_WORDS:
        return None  # "Mr", "Dr.": the recogniser reads those well
    end = after
    while end < len(doc) and end - after < _NAME_WORDS and _name_word(doc, end, end > after):
        end += 1
    while end > after and doc[end - 1].lower_ in PARTICLES:
        end -= 1  # "Ahmad bin" before a lower-case word: no surname after the particle
    if end == after or (end < len(doc) and doc[end].lower_ in _PLACE_WORDS):
        return None
    labels = {t.ent_type_ for t in doc[index:end]}
    if "PERSON" not in labels and labels & {"ORG", "FAC", "GPE", "LOC"}:
        return None  # "Tun Razak Exchange": a body or a place the recogniser knows
    if end - after == 1 or kept:
        return index, end  # "Sheikh Farooq", "Datuk Halim": written so, and kept so
    return after, end


def _opens_a_name(doc: Doc, index: int) -> bool:
    """Whether honorifics at `index` open a name: at the start, after punctuation, a word in
    lower case or an office ("Prime Minister Datuk Seri …"), never inside a name ("Abdul Samad
    Haji Alias", where "Haji" is the father's)."""
    if not doc[index].text[:1].isupper():
        return False
    if index == 0:
        return True
    before = doc[index - 1]
    word = bare_word(before)
    return (
        before.is_punct
        or before.is_quote
        or not before.text[:1].isupper()
        or word in TITLE_WORDS
        or word in ROLE_HEADS
        or word in HONORIFICS
        or is_person_noun(word)
        or before.ent_type_ in {"GPE", "LOC", "NORP", "ORG"}  # "Kelantan Datuk …", "PAS Datuk …"
    )


def _honorifics_end(doc: Doc, index: int) -> tuple[int, bool]:
    """The index after the honorifics that begin at `index` (several may follow one another:
    "Tan Sri Datuk Dr."), and whether one of them stays in the name."""
    kept = False
    while index < len(doc):
        matched = _sequence_at(doc, index)
        if matched is None:
            if bare_word(doc[index]) in HONORIFICS and index + 1 < len(doc):
                matched = index + 1  # "Tan Sri Dr Sulaiman …"
            else:
                break
        kept = kept or _fold(doc[index]) in KEPT_IN_NAME
        index = matched
    return index, kept


def _sequence_at(doc: Doc, index: int) -> int | None:
    """The index after the longest honorific written at `index`, with its apostrophe or full
    stops ("Dato' Sri", "Rt. Hon."), or None."""
    words: list[str] = []
    at = index
    best = None
    while at < len(doc) and len(words) < _LONGEST:
        token = doc[at]
        if not token.text[:1].isupper():
            break
        words.append(_fold(token))
        at += 1
        # "Dato" "'" and "Rt" "." are written as one word with their mark
        while at < len(doc) and doc[at].text in {"'", "’", "."} and not doc[at - 1].whitespace_:
            at += 1
        if tuple(words) in SEQUENCES:
            best = at
    return best


def _fold(token: Token) -> str:
    return token.lower_.rstrip(".").rstrip("'’")


def _name_word(doc: Doc, index: int, started: bool) -> bool:
    """A word of a name written after its honorifics: a capitalised word that is no office, no
    body and no place, an initial, a particle before one ("bin", "al", "van der") or a
    numeral after one ("II")."""
    token = doc[index]
    text = token.text
    word = bare_word(token)
    if started and word in _ROMAN and text.isupper():
        return True
    if token.lower_ in PARTICLES or token.lower_ in {"bte", "a/l", "a/p"}:
        return started and index + 1 < len(doc) and doc[index + 1].text[:1].isupper()
    letters = text.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
    return (
        text[:1].isupper()
        and letters.isalpha()
        and (not text.isupper() or len(letters) == 1)
        and word not in TITLE_WORDS
        and word not in ROLE_HEADS
        and word not in ORGANISATION_NOUNS
        and token.ent_type_ not in {"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL"}
    )


def ends_honorifics(doc: Doc, index: int) -> bool:
    """Whether doc[index] is the last word of honorifics that open a name and are no part of
    it: a name read back from its last word stops there ("Datuk Seri" of "Datuk Seri Razlan")."""
    run = _honorifics_over(doc, index)
    return run is not None and run[1] == index + 1 and not run[2]


def in_honorifics(token: Token) -> bool:
    """Whether a word is one of the honorifics that open a name: no part of a role either
    ("Prime Minister", never "Prime Minister Datuk Seri")."""
    return _honorifics_over(token.doc, token.i) is not None


def _honorifics_over(doc: Doc, index: int) -> tuple[int, int, bool] | None:
    """(start, end, kept) of the honorifics opening a name that hold doc[index], if any."""
    for start in range(max(0, index - 2 * _LONGEST), index + 1):
        if _fold(doc[start]) not in _FIRST_WORDS or not _opens_a_name(doc, start):
            continue
        end, kept = _honorifics_end(doc, start)
        if end > index and _person_after(doc, start) is not None:
            return start, end, kept
    return None
