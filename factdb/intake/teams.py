"""Teams and bodies the entity recogniser took for a person or a place, known by their verb.

British writing treats a team or a company as plural: "Norwich City have sacked their
manager", "Aston Villa are bottom of the league". A name that opens a sentence and takes "have"
or "are" is therefore a body, whatever the recogniser called it (it reads "Norwich City" as a
place and "Aston Villa" as a person), and a later "the club said" or "it said" may mean it.
Only a name that opens its sentence, so that it is the subject ("Ana and Tomas have", "fans of
Aston Villa have" are not one name speaking).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from factdb.intake.mentions import ORGANISATION, Mention, Mentions

_PLURAL_VERBS = frozenset({"have", "are"})
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def add_bodies(
    doc: Doc, offset: int, number: int, mentions: Mentions, inside_quote: Callable[[int], bool]
) -> None:
    """Keep the bodies a paragraph names as a team is written of, whatever the recogniser read."""
    for mention in plural_bodies(doc, offset, number, inside_quote):
        mentions.add(mention)
    mentions.led.update(name.casefold() for name in led_bodies(doc, offset, inside_quote))


def plural_bodies(
    doc: Doc, offset: int, number: int, inside_quote: Callable[[int], bool]
) -> list[Mention]:
    """The names read as a person or a place that open a sentence with "have" or "are"."""
    found = []
    for entity in doc.ents:
        if entity.label_ not in {"PERSON", "GPE"} or entity.end >= len(doc):
            continue
        opens = entity.start == 0 or doc[entity.start - 1].text in _SENTENCE_ENDS
        if not opens or doc[entity.end].lower_ not in _PLURAL_VERBS:
            continue
        if inside_quote(entity.start_char + offset):
            continue
        found.append(Mention(entity.start_char + offset, number, entity.text, ORGANISATION))
    return found


#: Roles of whoever runs a team or a body, written between its name and the person's: "Harwick
#: Villa boss Tomas Brenner", "County co-manager Pavel Frost", "Labour leader Ann Lee".
_LEADERS = frozenset(
    {"boss", "manager", "coach", "captain", "skipper", "chairman", "chairwoman", "chairperson",
     "owner", "leader", "president"}
)  # fmt: skip
#: Roles of whoever runs a company, written before "of" and its name: "the chairman and former
#: chief executive of Marlow Bread", "a co-founder of Lena Harrow" (a company named after a
#: person, or one the recogniser reads as a person's name). A coach or a manager "of" is left
#: out: "the coach of Ana Ruiz" is a player's.
_RUNS_A_COMPANY = frozenset(
    {"executive", "ceo", "chairman", "chairwoman", "chairperson", "founder", "co-founder",
     "cofounder", "owner", "president", "officer", "cfo", "coo", "director"}
)  # fmt: skip
#: Words that may stand between the body's name and the role: "Ipswich interim boss".
_INTERIM = frozenset({"interim", "caretaker", "acting", "joint"})


def led_bodies(doc: Doc, offset: int, inside_quote: Callable[[int], bool]) -> list[str]:
    """The names written right before a leader's role and a name ("Harwick Villa boss Tomas
    Brenner"): a body, whatever the recogniser read them as, so never the person a later "he"
    means."""
    found = []
    for role in doc:
        if role.lower_.rsplit("-", 1)[-1] not in _LEADERS or not role.text.islower():
            continue
        after = doc[role.i + 1] if role.i + 1 < len(doc) else None
        if after is None or after.tag_ != "NNP" or inside_quote(role.idx + offset):
            continue
        end = role.i - 1 if role.i and doc[role.i - 1].lower_ in _INTERIM else role.i
        start = end
        while start > 0 and doc[start - 1].tag_ in {"NNP", "NNPS"}:
            start -= 1
        if start < end:
            found.append(doc[start:end].text)
    return found + _run_companies(doc, offset, inside_quote)


def _run_companies(doc: Doc, offset: int, inside_quote: Callable[[int], bool]) -> list[str]:
    """The names after a company's leader's role and "of" ("chief executive of Marlow Bread"):
    a company, so a later "he" never means it."""
    found = []
    for of in doc[1:]:
        role = doc[of.i - 1]
        if of.lower_ != "of" or role.lower_ not in _RUNS_A_COMPANY or not role.text.islower():
            continue
        if inside_quote(of.idx + offset):
            continue
        end = of.i + 1
        while end < len(doc) and doc[end].tag_ in {"NNP", "NNPS"}:
            end += 1
        if end > of.i + 1:
            found.append(doc[of.i + 1 : end].text)
    return found
