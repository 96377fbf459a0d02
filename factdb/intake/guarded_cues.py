"""Reporting verbs that are also ordinary verbs: cues only when what they take is speech.

The lists of reporting verbs quote extractors work with (the verbs of saying, announcing and
complaining, and those of the manner of speaking) hold verbs the intake did not know:
`charged`, `queried`, `mentioned`, `disclosed`, `proclaimed`, `muttered`, `gasped`. Several are also
ordinary verbs ("police charged a man with theft", "the report mentioned the plant"), so
each reports words only when its complement is a clause or a quotation ("“…,” she charged",
"charged that the ministry had lied", or a clause of its own right after a quotation's
closing mark: "“…?” Hon. Vale queried.") and it has no object of its own (the one charged).
"""

from __future__ import annotations

from spacy.tokens import Token

GUARDED_CUES = frozenset(
    {
        "charge", "charges", "charged", "charging",
        "query", "queries", "queried",
        "mention", "mentions", "mentioned",
        "disclose", "discloses", "disclosed",
        "proclaim", "proclaims", "proclaimed",
        "divulge", "divulged",
        "interject", "interjected",
        "murmur", "murmured",
        "mutter", "muttered",
        "mumble", "mumbled",
        "grumble", "grumbled",
        "thunder", "thundered",
        "bellow", "bellowed",
        "gasp", "gasps", "gasped",
        "sob", "sobbed",
    }
)  # fmt: skip
#: Children that make the verb an ordinary one: its object, or "with" ("charged him with …").
_ORDINARY = frozenset({"dobj", "dative", "nsubjpass", "auxpass"})


def reports_words(verb: Token) -> bool:
    """Whether a guarded verb takes speech: a clause or quotation, and no object of its own."""
    children = list(verb.children)
    if any(c.dep_ in _ORDINARY or (c.dep_ == "prep" and c.lower_ == "with") for c in children):
        return False
    if any(c.dep_ in {"ccomp", "parataxis"} for c in children):
        return True
    # "“… succeed?” Hon. Vale queried.": the parse ends the quotation's sentence at its mark
    left = verb.left_edge.i
    return (
        left > 0 and verb.doc[left - 1].is_quote and verb.doc[left - 2].text in {"?", "!", ".", ","}
    )
