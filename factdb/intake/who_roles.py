"""A role written as a clause after the name: `Ana Ruiz, who studies bird evolution at Kilby
University, said` presents Ana Ruiz as one who "studies bird evolution at Kilby University".

Science and court reports give an expert's standing so, instead of a title. Only a clause in
the present tense that says what the person does (`who teaches law at …`, `who heads the …`,
`who is a professor of …`) is a role: what they once did (`who was not involved`), what they
think or want, where they live, or what they said, is not.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.cues import is_cue
from factdb.intake.phrases import tokens_text

#: Present-tense verbs that say what a person feels, wants or where they are, not what they do.
_NOT_WORK = frozenset(
    {"has", "does", "lives", "wants", "hopes", "thinks", "believes", "fears", "knows", "feels",
     "likes", "loves", "needs", "seems", "remains", "plans", "expects", "gets", "goes", "comes"}
)  # fmt: skip
#: A clause longer than this is a story about the person, not the role they speak in ("who
#: studies behavioural and experimental economics at the University of X in Y" is 13 words).
_MOST_WORDS = 15


def clause_role(name: Token) -> str | None:
    """The role a "who" clause after the name gives, as written without "who"; None if none."""
    for clause in name.children:
        if not _says_what_they_do(clause):
            continue
        words = _role_words(clause)
        if words:
            return tokens_text(words)
    return None


def _says_what_they_do(clause: Token) -> bool:
    """A plain "who" clause in the present tense, of a verb of doing, that reports nothing."""
    return (
        clause.dep_ == "relcl"
        and clause.tag_ == "VBZ"
        and _opens_with_who(clause)
        and clause.lower_ not in _NOT_WORK
        and not is_cue(clause)
        and not _not_plain(clause)
    )


def _role_words(clause: Token) -> list[Token]:
    """The clause's words from its verb on, short and unquoted; "who is a …" only the noun
    phrase, and a verb of doing only with what it does ("who works" says nothing)."""
    words = [t for t in clause.subtree if t.i >= clause.i]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) > _MOST_WORDS or any(t.is_quote for t in words):
        return []
    if clause.lower_ == "is":  # "who is a professor of law at …": the noun phrase
        words = words[1:]
        return words if words and words[0].lower_ in {"a", "an", "the"} else []
    if not any(c.dep_ in {"dobj", "prep"} for c in clause.children):
        return []
    return words


def _opens_with_who(clause: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children)


def _not_plain(clause: Token) -> bool:
    """A clause negated or with a helping verb ("who does not", "who will lead") says no role."""
    return any(c.dep_ in {"neg", "aux", "auxpass"} for c in clause.children)
