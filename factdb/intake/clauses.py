"""Which clause a reporting verb speaks for, before its subject is looked up.

A parser hangs a participle set off by a comma (`, saying …`, `, urging …`) on the nearest
verb, often one inside a relative clause about a thing (`struck down a rule that could have
stripped food stamps …, saying …`); a rule does not say anything, the judge who struck it
down does. A passive cue's subject is the one spoken to or of (`how many would have been
denied benefits`), never the speaker. A thought reported by a speech verb is that speaker's.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.cues import is_cue

#: Relative pronouns that stand for a thing: "a rule that …", "the order, which …".
_THING_PRONOUNS = frozenset({"that", "which"})

#: Verbs of thinking, whose words a speaker reports: "she says Holt believes “…”" quotes her.
_THOUGHT = frozenset(
    {"believes", "believe", "believed", "thinks", "think", "thought", "feels", "feel", "felt",
     "hopes", "hope", "hoped", "wants", "want", "wanted", "fears", "feared", "expects",
     "expected", "knows", "knew"}
)  # fmt: skip


def speaking_clause(cue: Token) -> Token:
    """The verb whose subject a cue reports: the cue itself, the speech verb over a thought,
    or the clause a comma participle belongs to past a relative clause about a thing."""
    if (
        cue.lower_ in _THOUGHT
        and cue.dep_ == "ccomp"
        and is_cue(cue.head)
        and cue.head.lower_ not in _THOUGHT
    ):
        return cue.head
    return _past_a_thing(cue)


def _past_a_thing(cue: Token) -> Token:
    """ "struck down a rule that could have stripped …, saying": the verb above the rule."""
    if not (cue.tag_ == "VBG" and cue.dep_ == "advcl" and _after_comma(cue)):
        return cue
    clause = cue.head
    if clause.dep_ != "relcl" or not any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _THING_PRONOUNS for c in clause.children
    ):
        return cue
    noun = clause.head
    if noun.dep_ not in {"dobj", "pobj", "nsubjpass"}:
        return cue
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return verb if verb.tag_.startswith("VB") else cue


def _after_comma(token: Token) -> bool:
    """Whether a comma stands right before the word."""
    return token.i > 0 and token.doc[token.i - 1].text == ","


def spoken_to(cue: Token) -> bool:
    """A cue in the passive ("would have been denied", "was told"): its subject is the one
    spoken to or of, never the speaker."""
    return any(c.dep_ == "auxpass" for c in cue.children) and any(
        c.dep_ == "nsubjpass" for c in cue.children
    )


def own_pronoun(cue: Token) -> str | None:
    """ "Cauthron wrote in her opinion": "his" or "her" in the cue's own phrase (never in what
    it reports), which points to its subject and is said only of a person."""
    for child in cue.children:
        if child.dep_ not in {"prep", "dobj", "dative"}:
            continue
        nouns = [child, *(c for c in child.children if c.dep_ == "pobj")]
        for noun in nouns:
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ in {"his", "her"}:
                return owner.text
    return None


#: Prepositions whose object may be the one doing what a gerund after it says: "despite
#: Senator Ruiz claiming …", "amid critics insisting …".
_GERUND_OWNERS = frozenset({"despite", "amid", "with", "without", "after", "before", "over"})


def gerund_owner(cue: Token) -> Token | None:
    """ "…, despite Senator Ruiz claiming she was left “furious”": the object of "despite"
    right before a cue in "-ing" that has no subject of its own is who claims; the parser
    hangs the gerund on the main verb, whose subject said nothing of the kind."""
    if cue.tag_ != "VBG" or cue.i == 0 or any(c.dep_.startswith("nsubj") for c in cue.children):
        return None
    before = cue.doc[cue.i - 1]
    if before.dep_ != "pobj" or before.head.lower_ not in _GERUND_OWNERS:
        return None
    if before.head.i > before.i or before.right_edge.i != before.i:
        return None
    return before
