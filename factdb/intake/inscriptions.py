"""Words written on a thing: "a banner read “…”", "signs that read “…”".

A sign, a banner or a placard that "reads" or "says" something carries words nobody is
quoted saying: whoever holds it is not named by the sentence, and the sentence's cue, or the
quotation before it, would give the words to someone who only saw them. Such words are
proposed with no speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.quote_heads import hanging_tokens

#: Verbs a thing that carries words "says" them by.
_SHOWING = frozenset(["read", "reads", "reading", "said", "says", "saying", "bore", "bearing"])
#: Things that carry words.
_CARRIERS = frozenset(
    [
        "sign", "signs", "banner", "banners", "placard", "placards", "poster", "posters",
        "billboard", "billboards", "plaque", "plaques", "sticker", "stickers", "t-shirt",
        "t-shirts", "shirt", "shirts", "graffiti", "sandwich-board", "signboard", "signboards",
    ]
)  # fmt: skip


def written_on(inside: list[Token]) -> str | None:
    """Why the quotation is words written on a thing, or None."""
    for token in hanging_tokens(inside):
        verb = token.head
        if verb.lower_ not in _SHOWING or not verb.tag_.startswith("VB"):
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            carrier = subject
            if subject.lower_ in {"that", "which"} and verb.dep_ == "relcl":
                carrier = verb.head
            if carrier.lower_ in _CARRIERS:
                return f"words written on “{carrier.text}”, which nobody is quoted saying"
    return None
