"""Which named person a description of their office means: "the senator" is the "Sen. Maya
Rowe" named before, "the lawmaker" a representative, "the judge" a justice.

A reader calls someone "the judge" only once the article has said who holds that office (or
says so just after); the titles written before a name ("Sen.", "Judge", "press secretary")
count as much as a role set beside it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from factdb.intake.roles import HEAD_OF_STATE, HONORIFICS, ROLE_HEADS, TITLE_WORDS, bare_word

#: Abbreviated titles, by the word a later description uses.
_SPELLED_OUT = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "capt": "captain",
    "sgt": "sergeant",
    "maj": "major",
    "adm": "admiral",
    "det": "detective",
    "insp": "inspector",
    "supt": "superintendent",
    "prof": "professor",
    "dr": "doctor",
    "atty": "attorney",
    "cpl": "corporal",
}
_LEGISLATORS = frozenset(
    {"senator", "representative", "congressman", "congresswoman", "lawmaker", "legislator",
     "mp", "mep", "mla", "assemblyman", "assemblywoman", "councillor", "councilor", "councilman",
     "councilwoman"}
)  # fmt: skip
#: The offices a description may mean, beyond its own word.
_SAME_OFFICE: dict[str, frozenset[str]] = {
    "lawmaker": _LEGISLATORS,
    "legislator": _LEGISLATORS,
    "congressman": frozenset({"representative", "congressman"}),
    "congresswoman": frozenset({"representative", "congresswoman"}),
    "judge": frozenset({"judge", "justice", "magistrate"}),
    "prosecutor": frozenset({"prosecutor", "attorney"}),
    "lawyer": frozenset({"lawyer", "attorney", "counsel", "solicitor", "barrister"}),
    "attorney": frozenset({"lawyer", "attorney", "counsel"}),
    "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    # A team's "boss" in sports copy is its manager or head coach.
    "coach": frozenset({"coach", "manager", "boss"}),
    "manager": frozenset({"coach", "manager", "boss"}),
    "boss": frozenset({"coach", "manager", "boss"}),
    # and its captain its "skipper"
    "captain": frozenset({"captain", "skipper"}),
    "skipper": frozenset({"captain", "skipper"}),
    "head": HEAD_OF_STATE | {"head"},
    "state": HEAD_OF_STATE,
}
#: Offices a description names only once the article has said who holds them: "the judge"
#: with no judge named is a judge nobody named, never the defendant named before.
OFFICES = frozenset(
    {"judge", "justice", "magistrate", "senator", "congressman", "congresswoman", "lawmaker",
     "legislator", "governor", "mayor", "prosecutor", "sheriff", "ambassador", "spokesman",
     "spokeswoman", "spokesperson", "secretary", "minister", "chancellor", "commissioner"}
)  # fmt: skip
#: Offices on the bench, whose holder a court report always names with the title.
COURT_OFFICES = frozenset({"judge", "justice", "magistrate"})
_WORD = re.compile(r"[\w-]+")
#: Titles and roles that say whether "he" or "she" can mean a person. Not "chairman", the
#: office's name whoever holds it in much British writing ("Committee chairman Coun Ann Reid").
_MEN = frozenset(
    {"mr", "sir", "lord", "king", "prince", "spokesman", "congressman",
     "assemblyman", "councilman", "businessman", "father", "son", "husband", "brother", "he"}
)  # fmt: skip
_WOMEN = frozenset(
    {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman",
     "congresswoman", "assemblywoman", "councilwoman", "businesswoman", "mother", "daughter",
     "wife", "sister", "she"}
)  # fmt: skip


def fitting(head: str) -> frozenset[str]:
    """The role words a description headed by `head` may mean ("lawmaker": a senator too)."""
    return _SAME_OFFICE.get(head, frozenset({head}))


#: Departments whose secretary sits in a cabinet: "the minister" in British and Commonwealth
#: writing ("Health Secretary Ana Ruiz … the minister said"); never "press", "general",
#: "permanent" or "cabinet" secretary, who are officials.
_DEPARTMENTS = frozenset(
    {"health", "home", "foreign", "defence", "defense", "education", "transport", "business",
     "justice", "culture", "environment", "energy", "housing", "treasury", "work", "pensions",
     "trade", "interior", "science", "communities", "development", "exchequer"}
)  # fmt: skip


def role_words(role: str | None, titles: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The words of a role and of the titles before a name, abbreviations written out; a
    secretary of a department of government, or the Chancellor of the Exchequer, is a
    minister too."""
    words = {word.casefold() for word in _WORD.findall(role or "")} | set(titles)
    words |= {_SPELLED_OUT[word] for word in words if word in _SPELLED_OUT}
    if words & {"secretary", "chancellor"} and words & _DEPARTMENTS:
        words.add("minister")
    return words


def titles_before(ent: Span) -> frozenset[str]:
    """The titles written just before a name the recogniser found ("Sen.", "Judge", "press
    secretary"), read without a parse, so a paragraph read only for names keeps them too."""
    doc = ent.doc
    found = []
    index = ent.start - 1
    while index >= 0 and len(found) < 4:
        word = bare_word(doc[index])
        if word not in HONORIFICS and word not in TITLE_WORDS and word not in ROLE_HEADS:
            break
        found.append(word)
        index -= 1
    inside = [bare_word(t) for t in ent if bare_word(t) in HONORIFICS | TITLE_WORDS]
    return frozenset(found + inside + _titles_after(ent))


def _titles_after(ent: Span) -> list[str]:
    """ "Lars Eriksen, the Riverside coach, watched": the office set beside the name, read
    from the words alone, up to the next comma or full stop."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return []
    words = [t.lower_ for t in doc[ent.end + 1 : ent.end + 8]]
    if not words or (words[0] not in {"the", "a", "an"} and not {"'s", "’s"} & set(words[:3])):
        return []
    found = []
    for word in words[1:]:
        if word in {",", ".", ";", "who", "which", "that", "and", "said"}:
            break
        if word in ROLE_HEADS:
            found.append(word)
    return found


#: Words that may stand between a name and the team or body named after it.
_BETWEEN = frozenset(
    {",", "the", "a", "an", "of", "whose", "'s", "’s", "at", "for", "from", "side", "team",
     "club", "squad", "new"}
)  # fmt: skip
_ARTICLES = frozenset({"the", "a", "an"})
#: What may join a name to the team or body written after it.
_JOINING = frozenset({",", "of", "'s", "’s", "at", "for", "from"})


def affiliations(ent: Span) -> frozenset[str]:
    """The team, body or person a name is tied to by the words around it, read without a
    parse: "Rovers coach Jane Doe", "Harwick City manager Tomas Brenner", "Doe, whose Rovers
    side", "Doe, the Rovers coach", "Maya Rowe of Ohio": the capitalised words that are no title."""
    titles = HONORIFICS | TITLE_WORDS | ROLE_HEADS
    found = _affiliated_before(ent, titles) + _affiliated_inside(ent, titles)
    found += _affiliated_after(ent, titles)
    return frozenset(w for w in found if w not in titles)


def _affiliated_before(ent: Span, titles: frozenset[str]) -> list[str]:
    """ "Harwick City manager Tomas Brenner": the capitalised words among the titles written
    up to six words before the name, stopping at an article or a lower-case word."""
    doc = ent.doc
    found: list[str] = []
    index = ent.start - 1
    while index >= 0 and ent.start - index <= 6:
        token, word = doc[index], bare_word(doc[index])
        if word in _ARTICLES or not (
            token.text in {"'s", "’s"} or word in titles or _capital(token)
        ):
            break
        if word not in titles and _capital(token):
            found.append(word)
        index -= 1
    return found


def _affiliated_inside(ent: Span, titles: frozenset[str]) -> list[str]:
    """ "Rovers coach Jane Doe" read as one name: the capitalised words before its last title."""
    inside = [bare_word(t) for t in ent]
    last_title = max((i for i, w in enumerate(inside) if w in titles), default=0)
    return [w for w, t in zip(inside[:last_title], ent, strict=False) if _capital(t)]


def _affiliated_after(ent: Span, titles: frozenset[str]) -> list[str]:
    """ "Doe, the Rovers coach", "Maya Rowe of Ohio": the capitalised words after a comma or a
    preposition joining them to the name; none after a verb ("Doe praised Rovers")."""
    after = ent.doc[ent.end : ent.end + 8]
    if not len(after) or after[0].lower_ not in _JOINING:
        return []  # "Kilby manager Ivo Kranjc"
    found = []
    for token in after:
        word = bare_word(token)
        if _capital(token) and word not in titles:
            found.append(word)
        elif word not in _BETWEEN and word not in titles:
            break  # "Doe praised Rovers": Rovers is not hers
    return found


def proper_words(role: str | None) -> frozenset[str]:
    """The capitalised words of a role that are no title: "brooks" in "Brooks's barrister"."""
    titles = HONORIFICS | TITLE_WORDS | ROLE_HEADS
    words = (w.removesuffix("'s").removesuffix("’s") for w in (role or "").split())
    return frozenset(
        w.casefold()
        for w in words
        if w[:1].isupper() and w.isalpha() and w.casefold() not in titles
    )


def _capital(token: Token) -> bool:
    """A word written with a capital letter."""
    return token.text[:1].isupper() and token.is_alpha


def unlike(pronoun: str, words: set[str]) -> bool:
    """Whether what the article called a person rules a pronoun out: "she" is never the
    "Mr. Alan Voss" of the text, nor "he" a chairwoman."""
    if pronoun in {"he", "him", "his"}:
        return bool(words & _WOMEN) and not words & _MEN
    if pronoun in {"she", "her", "hers"}:
        return bool(words & _MEN) and not words & _WOMEN
    return False
