"""Which of two people "he added" means: the one of them who has spoken already.

"Brenner said: “…” / This was the third time Lars Moen had scored for Harwick and Brenner was
delighted. / He added: “…”": "added" (or "continued", "went on") says the same speaker speaks
again, so of the people the sentence before names, the only one quoted earlier in the article
is "he"; one who says something in that sentence ("Novak said Judge Haddad had agreed …") has
spoken too. Where none of them or more than one has spoken, or the verb says nothing of earlier
words ("he said"), the reading the sentence alone gives stands.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from factdb.intake.mentions import PERSON, Mentions, Named
from factdb.intake.newcomers import people_in
from factdb.intake.offices import unlike
from factdb.intake.own_words import saying_verb

#: Verbs that speak of earlier words by the same speaker, as written (no lemmas are read).
_AGAIN = frozenset(
    {"added", "adds", "add", "continued", "continues", "went", "goes", "reiterated",
     "reiterates", "repeated", "repeats"}
)  # fmt: skip


def again(
    subject: Token,
    mentions: Mentions,
    paragraph: int,
    offset: int,
    sentence_before: Callable[[Token, int], tuple[Span, int, int] | None],
    quoted: Callable[[int], bool],
) -> Named | None:
    """The one person of the sentence before who has spoken already, for "he added"; None
    where that is not exactly one person (or the sentence names fewer than two)."""
    verb = subject.head
    if verb.lower_ not in _AGAIN or (verb.lower_ in {"went", "goes"} and not _goes_on(verb)):
        return None
    before = sentence_before(subject, paragraph)
    if before is None:
        return None
    sentence, before_offset, _number = before
    people, _seen = people_in(sentence, before_offset, mentions, quoted)
    names = {name for name, _root in people if " " in name}
    if len(names) < 2:
        return None
    position = subject.idx + offset
    spoken = {m.name for m in mentions.spoke if m.position < position}
    # "Novak said Judge Haddad had agreed …": whoever says something in it has spoken too
    spoken |= {name for name, root in people if saying_verb(root) is not None}
    fitting = [
        name for name in names & spoken if not unlike(subject.lower_, mentions.name_words(name))
    ]
    if len(fitting) != 1:
        return None
    name = fitting[0]
    how = f"“{subject.text} {verb.text}”: {name}, the one of those named just before who spoke"
    return Named(name, PERSON, mentions.roles.get(name), how=how, confidence=0.7)


def _goes_on(verb: Token) -> bool:
    """ "he went on": "on" beside "go"."""
    return any(c.lower_ == "on" for c in verb.children)
