"""Words a verb of judging gives a thing: "experts find the data “alarming”", "Ruiz deemed the
plan “unsafe”". They are the judge's, its subject's, before any cue further up the sentence
("…, the Harwick Gazette reported" reports the judgement, it does not make it)."""

from __future__ import annotations

from spacy.tokens import Token

#: Verbs that call a thing by the words set after it (no lemmas: every form written out).
JUDGING_VERBS = frozenset(
    {
        "find", "finds", "finding", "call", "calls", "called", "calling", "deem", "deems",
        "deemed", "deeming", "consider", "considers", "considered", "considering", "dub",
        "dubs", "dubbed", "dubbing", "term", "terms", "termed", "terming", "label", "labels",
        "labelled", "labeled", "labelling", "labeling", "brand", "brands", "branded",
        "branding", "judge", "judges", "judged", "judging",
    }
)  # fmt: skip
#: How the words judged hang on the verb: "find the data “alarming”", "deemed it “unsafe”".
_COMPLEMENTS = frozenset({"oprd", "ccomp", "xcomp", "dobj", "acomp", "attr"})


def judged_by(word: Token) -> Token | None:
    """The active verb of judging whose complement the quoted `word` is; never a passive one
    ("are considered “threatened”" says nobody who judged so)."""
    verb = word.head
    if (
        word.dep_ not in _COMPLEMENTS
        or not verb.tag_.startswith("VB")
        or verb.lower_ not in JUDGING_VERBS
    ):
        return None
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    return verb if any(c.dep_ == "nsubj" for c in verb.children) else None
