"""Words said jointly: "Ruiz and Brandt said in a joint statement", "the couple said", "the two
judges wrote".

Words two or more people said together are no one person's: giving them to the first name of
the pair is a false attribution the audit cannot catch. They are proposed as vague (no single
source is created, the row stays unticked) under the names joined ("Ana Ruiz and Tomas
Brandt"), with each name in the evidence (`joint`) so the reviewer can choose. "The couple" and
"the two judges" are the pair of people named together last, a few paragraphs back at most;
with none, the phrase itself, vague.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mentions, Named
from factdb.intake.roles import is_person_noun

#: Words for people spoken of together: "the couple", "the pair", "both".
PAIR_WORDS = frozenset({"couple", "pair", "duo", "trio", "both"})
#: How many paragraphs back "the couple" may find the pair named together.
_REACH = 6
_NUMBERS = frozenset({"two", "three", "both"})


def members(head: Token) -> list[Token]:
    """The heads of a coordination of names ("Ruiz and Brandt"), or [] when `head` is none:
    "Smith and Wesson" read as one organisation's name is one speaker."""
    conjuncts = [c for c in head.children if c.dep_ == "conj"]
    if not conjuncts or not any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for c in head.children):
        return []
    for conjunct in list(conjuncts):
        conjuncts.extend(c for c in conjunct.children if c.dep_ == "conj")
    doc = head.doc
    entity = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    if (
        entity is not None
        and entity.label_ == "ORG"
        and any(entity.start <= c.i < entity.end for c in conjuncts)
    ):
        return []
    return [head, *conjuncts]


def joined(names: list[str]) -> str:
    """ "Ana Ruiz and Tomas Brandt"; "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def jointly(names: list[str], how: str) -> Named:
    """Words several named people or bodies said together: vague, every name in the evidence."""
    return Named(joined(names), VAGUE, how=how, confidence=0.5, joint=tuple(names))


def coordinated(heads: list[Token], read: Callable[[Token], Named | None]) -> Named | None:
    """ "Ruiz and Brandt said": each conjunct names somebody, so the words are theirs jointly;
    None when one of them names nobody (the first one's reading stands)."""
    names = []
    for head in heads:
        named = read(head)
        if named is None or named.kind not in {PERSON, ORGANISATION} or not named.name:
            return None
        if named.name not in names:
            names.append(named.name)
    if len(names) < 2:
        return None
    return jointly(names, f"said jointly by {joined(names)}")


def is_pair_phrase(head: Token) -> bool:
    """ "the couple", "both", "the two judges": people spoken of together."""
    if head.lower_ in PAIR_WORDS:
        return True
    counted = any(c.dep_ == "nummod" and c.lower_ in _NUMBERS for c in head.children)
    return counted and head.tag_ == "NNS" and is_person_noun(head.lower_)


def pair_named(
    head: Token, phrase: str, mentions: Mentions, paragraph: int, position: int
) -> Named:
    """The people last named together, a few paragraphs back at most; else nobody named."""
    for found_at, number, names in reversed(mentions.pairs):
        if found_at >= position:
            continue
        if paragraph - number > _REACH:
            break
        full = [mentions.full_name(name, found_at) for name in names]
        return jointly(full, f"“{phrase}” are {joined(full)}, named together before")
    return Named(phrase, VAGUE, how=f"“{phrase}” said jointly, nobody named", confidence=0.5)


def pairs_named(
    doc: Doc, offset: int, paragraph: int, inside_quotes: Callable[[int], bool]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """People the paragraph names together outside quotations ("Ana Ruiz and Tomas Brandt
    opened a bakery"): where, in which paragraph, and their names as written. In a paragraph
    only the recogniser read, names it found joined by "and"; in a parsed one, runs of proper
    nouns the parse joins, one of them at least the recogniser's person."""
    found = _pairs_of_entities(doc, offset, paragraph, inside_quotes)
    if not doc.has_annotation("DEP") or found:
        return found
    for token in doc:
        if token.tag_ != "NNP" or token.dep_ == "conj" or inside_quotes(token.idx + offset):
            continue
        heads = members(token)
        if not heads or any(h.tag_ != "NNP" for h in heads):
            continue
        if not any(h.ent_type_ == "PERSON" for h in heads):
            continue
        names = tuple(_proper_run(h) for h in heads)
        found.append((heads[0].idx + offset, paragraph, names))
    return found


def _pairs_of_entities(
    doc: Doc, offset: int, paragraph: int, inside_quotes: Callable[[int], bool]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Names of people the recogniser found side by side, joined by "and" (or commas first)."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    run: list = []
    for entity in (e for e in doc.ents if e.label_ == "PERSON"):
        if inside_quotes(entity.start_char + offset):
            continue
        between = doc.text[run[-1].end_char : entity.start_char] if run else ""
        if run and between in {", ", " and ", ", and ", " & "}:
            run.append(entity)
            if between != ", ":
                found.append((run[0].start_char + offset, paragraph, tuple(e.text for e in run)))
                run = []
            continue
        run = [entity]
    return found


def _proper_run(head: Token) -> str:
    """ "Ana Ruiz" for the head "Ruiz": the proper nouns compounded before it."""
    words = [head]
    for child in reversed(list(head.lefts)):
        if child.dep_ != "compound" or child.tag_ != "NNP" or child.i != words[0].i - 1:
            break
        words.insert(0, child)
    return " ".join(w.text for w in words)
