"""A person named inside a long role set off by commas between a quotation and its cue.

`“…,” astronomer Ana Ruiz of the Harwick Institute in Vostria, leader of the team, said` and
`“…,” research fellow in botany at the Harwick Institute, Lena Holt, said`: the parser often
hangs the name on a word of the role, or reads the role's first word as the subject, so the
subject gave the role ("astronomer") or nothing. When the words between the quotation's closing
mark and the cue are only a name and the words of its role (no verb, no pronoun), the one person
the recogniser names there is the speaker and the other words are the role.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factdb.intake.groups import BODY_ENDINGS, ORGANISATION_NOUNS
from factdb.intake.mentions import PERSON, Named
from factdb.intake.phrases import clean_name
from factdb.intake.roles import is_bare_role, is_person_noun

#: Tags of the words a role and a name are written with: nouns, adjectives, determiners,
#: prepositions, "and", a possessive's "'s", numbers and punctuation.
_ROLE_TAGS = frozenset(
    {"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "DT", "IN", "CC", "POS", "CD", ",", "HYPH"}
)
#: Words before a name that make it the object of the role, not the one who holds it.
_OBJECT_LINKS = frozenset({"of", "to", "for", "at", "in", "on", "with", "by", "from", "and"})
#: Most words such a stretch may hold.
_LONGEST = 30
#: Words that end a body's name: "Kilby Foods" after "analyst" is still a company.
_BODY_WORDS = BODY_ENDINGS | ORGANISATION_NOUNS


def comma_set_person(cue: Token) -> tuple[Named, Token] | None:
    """The one person named in the comma-set role between a quotation and its cue."""
    stretch = _stretch_before(cue)
    if stretch is None or not any(t.text == "," for t in stretch):
        return None
    names = _names_in(stretch)
    if len(names) != 1:
        return None
    words = names[0]
    first = words[0].i - stretch[0].i
    if first > 0 and stretch[first - 1].lower_ in _OBJECT_LINKS:
        return None  # "adviser to Ana Ruiz": the name is the role's object
    name, _titles = clean_name(words)
    if not name or is_bare_role(name):
        return None
    role = _role_words(stretch, words[0].i, words[-1].i + 1)
    if not role:
        return None
    how = "named in the role set off by commas before the cue"
    return Named(name, PERSON, role, how=how, confidence=0.8), words[-1]


def _names_in(stretch: list[Token]) -> list[list[Token]]:
    """The people named in the stretch: the recogniser's, else runs of two or three proper
    nouns that look like a name and belong to no place or body it found."""
    doc = stretch[0].doc
    found = [
        list(e) for e in doc.ents if e.label_ == "PERSON" and _inside(e, stretch) and len(e) > 1
    ]
    if found or any(t.ent_type_ == "PERSON" for t in stretch):
        return found
    runs: list[list[Token]] = [[]]
    for token in stretch:
        first = runs[-1][0] if runs[-1] else token
        if (
            token.tag_ == "NNP"
            and _name_like(token)
            and (not token.ent_type_ or (_titled(first) and token.lower_ not in _BODY_WORDS))
        ):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if 2 <= len(run) <= 3]


def _titled(first: Token) -> bool:
    """ "astronomer Marek Lind of the …" read as a body's name ("Marek Lind of"): a noun for
    people in lower case right before the run makes it a person's, whatever the recogniser
    read; never a place or a building it knows."""
    doc = first.doc
    before = doc[first.i - 1] if first.i > 0 else None
    return (
        first.ent_type_ == "ORG"
        and before is not None
        and before.text.islower()
        and is_person_noun(before.lower_)
    )


def _name_like(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and text[1:].islower() and text.isalpha()


def _stretch_before(cue: Token) -> list[Token] | None:
    """The words between a quotation's closing mark (and its comma) and the cue."""
    doc = cue.doc
    start = cue.i - 1
    while start >= 0 and cue.i - start <= _LONGEST and not doc[start].is_quote:
        token = doc[start]
        if not _role_word(token):
            return None  # a verb or a pronoun: a clause, not a role
        start -= 1
    if start < 0 or not doc[start].is_quote or start == 0 or doc[start - 1].text != ",":
        return None  # only after “…,” closing a quotation
    words = list(doc[start + 1 : cue.i])
    while words and words[-1].is_punct:
        words.pop()
    return words or None


def _role_word(token: Token) -> bool:
    """A word a role is written with; a participle only before a noun ("teaching fellow")."""
    if token.tag_ in _ROLE_TAGS or is_person_noun(token.lower_):
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.tag_ in {"VBG", "VBN"} and following is not None and following.tag_ == "NN"


def _inside(entity: Span, stretch: list[Token]) -> bool:
    return stretch[0].i <= entity.start and entity.end <= stretch[-1].i + 1


def _role_words(stretch: list[Token], start: int, end: int) -> str:
    """The stretch without the name: the words before it, then those after, commas trimmed;
    a comma after the name stays between the two ("U.S. Sen., R-Ohio"), as the text had it."""
    parts = []
    after = [t for t in stretch if t.i >= end]
    for words in ([t for t in stretch if t.i < start], after):
        while words and words[0].is_punct:
            words = words[1:]
        while words and words[-1].is_punct:
            words = words[:-1]
        if words:
            parts.append("".join(t.text_with_ws for t in words).strip())
    joint = ", " if after and after[0].text == "," else " "
    return joint.join(parts)
