"""The cue that names who spoke when an outlet's "reported" or a statement stands over it.

"… a port official said, Reuters reported": the official spoke; the agency or paper only passes
the words on, and the parser may hang the quotation on either verb. So does a statement that
reports what someone said ("Pal said this was “…”, said a statement issued by the party").
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.cues import is_cue
from factdb.intake.groups import STATEMENT_NOUNS
from factdb.intake.subjects import subjects_of


def speaking_cue(cue: Token) -> Token:
    """ "… a port official said, Reuters reported": the official spoke; the agency reports it.

    The parser often hangs the quotation on the outer "reported" and the inner "said" beside
    it; the inner cue with a subject of its own is the one that names the speaker.
    """
    passing_on = cue.lower_ in {"reported", "reports", "reporting"}
    if passing_on:
        for child in cue.children:
            if child.dep_ == "parataxis" and is_cue(child) and subjects_of(child):
                return child
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or not (passing_on or subject.lower_ in STATEMENT_NOUNS):
        return cue
    outer = cue.head
    spoken = subjects_of(outer) or (outer.dep_ == "conj" and subjects_of(outer.head))
    if _trailing(cue, subject) and outer.i < cue.i and is_cue(outer) and spoken:
        # "Brandt said he was “sorry,” the Tribune reported", "Pal said this was “not the case
        # now”, said a statement issued by the party": parsed as nested, the words are Brandt's
        # and Pal's, which the paper or the statement passes on
        return outer
    return cue


def _trailing(cue: Token, subject: Token) -> bool:
    """ "…,” the Harwick Tribune reported", "…”, said a statement": a cue and its subject set
    after the quoted words."""
    start = min(cue.i, subject.left_edge.i)
    return start > 0 and cue.doc[start - 1].text in {",", "”", '"', "’"}
