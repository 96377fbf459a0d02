"""When a verb of deciding ("ruled", "determined", "finding", "held that") reports words.

A court speaks through what it decides: "the judge ruled that the permit was issued “without
authority”" quotes the judge. The same verbs say nothing of anyone's words when a king ruled an
island, when investigators "have not determined" a cause, or when a writer names who wrote
the words ("The court held that … “void,” Judge Pavel Orlov wrote"): then they are no cue.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

#: What a court does when it decides, in the words of its opinion.
COURT_CUES = frozenset(
    {"ruled", "rules", "ruling", "finding", "determined", "determines", "determining",
     "held", "holds", "holding"}
)  # fmt: skip
#: "held" counts only with what was held ("held that …"), never "held a hearing".
_HOLDING = frozenset({"held", "holds", "holding"})
#: Who decides: "the court", "Judge Ana Ruiz", "the appeals panel", "the justices".
_DECIDERS = frozenset(
    {"court", "courts", "judge", "judges", "panel", "panels", "justice", "justices", "tribunal",
     "tribunals", "magistrate", "magistrates"}
)  # fmt: skip
_RELATIVES = frozenset({"which", "that", "who"})
_PRONOUNS = frozenset({"it", "he", "she", "they"})
#: Clauses that share the subject of the verb they hang on: "…, finding", "heard and ruled".
_SHARED = frozenset({"advcl", "conj", "xcomp"})


def is_court_cue(verb: Token, ordinary: Collection[str]) -> bool:
    """Whether a verb of deciding reports words: its subject decides (a court, a judge, a panel
    or a pronoun for one), it is not negated, and no ordinary cue in the sentence names a speaker."""
    if verb.lower_ in _HOLDING and not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    subject = _subject(verb)
    if subject is None or not _decides(subject):
        return False
    return not _named_speaker(verb, ordinary)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause a participle or second verb shares it with."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                return None  # "it was determined that …": nobody decided in words
            if child.dep_ == "nsubj":
                if child.lower_ in _RELATIVES and verb.dep_ == "relcl":
                    return verb.head  # "the panel, which ruled that …"
                return child
        if verb.dep_ not in _SHARED or not verb.head.tag_.startswith("VB"):
            return None
        verb = verb.head
    return None


def _decides(subject: Token) -> bool:
    """A court, a judge or a panel, named by the word, a title or an apposition, or a pronoun
    whose nearest earlier subject is one."""
    if subject.lower_ in _PRONOUNS:
        earlier = _earlier_subject(subject)
        return earlier is not None and _deciding_noun(earlier)
    return _deciding_noun(subject)


def _deciding_noun(noun: Token) -> bool:
    """ "court", "the justices", "Judge Ana Ruiz", "Ruiz, the judge"."""
    if noun.lower_ in _DECIDERS:
        return True
    return any(c.dep_ in {"compound", "appos"} and c.lower_ in _DECIDERS for c in noun.children)


def _earlier_subject(pronoun: Token) -> Token | None:
    """The last subject before the pronoun, in its sentence or the one before."""
    sentence = pronoun.sent
    start = sentence.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    for token in reversed(pronoun.doc[start : pronoun.i]):
        if token.dep_ == "nsubj" and token.lower_ not in _PRONOUNS | _RELATIVES:
            return token
    return None


def _named_speaker(verb: Token, ordinary: Collection[str]) -> bool:
    """An ordinary cue in the sentence whose subject is a name ("…,” Judge Pavel Orlov wrote")
    governs the quotation rather than the verb of deciding."""
    for token in verb.sent:
        if token is verb or token.lower_ not in ordinary or not token.tag_.startswith("VB"):
            continue
        if any(c.dep_ == "nsubj" and c.tag_ in {"NNP", "NNPS"} for c in token.children):
            return True
    return False
