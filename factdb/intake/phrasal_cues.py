"""Reporting verbs written with a particle: "pointed out", "went on", "spoke about".

A verb that reports nothing alone ("point", "go", "hit") reports words with its particle:
"He pointed out that the hospital was “…”", "…, Novak went on. “…”", "She hit out at the
board". The parse marks the particle as the verb's `prt` child, so the particle must be there:
"went on a tour" (a preposition with its object) and "went on to win" (an infinitive after
it, a deed not words) and "went on for weeks" (a lasting) report nothing. "Speak" reports words when it says what about ("spoke
about the season", "spoke of “…”"); never its "-ing" form, which opens a sentence whose own
verb speaks ("Speaking about the season, Ruiz said …"). The pipeline has no lemmatiser, so
every form is written out.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Verb forms and the particle that makes each a verb of saying.
_WITH_PARTICLE = {
    **dict.fromkeys(["point", "points", "pointed", "pointing"], "out"),
    **dict.fromkeys(["spell", "spells", "spelled", "spelt", "spelling"], "out"),
    **dict.fromkeys(["hit", "hits", "hitting"], "out"),
    **dict.fromkeys(["lash", "lashes", "lashed", "lashing"], "out"),
    **dict.fromkeys(["go", "goes", "went", "going"], "on"),
    **dict.fromkeys(["chime", "chimes", "chimed", "chiming"], "in"),
    **dict.fromkeys(["weigh", "weighs", "weighed", "weighing"], "in"),
}
#: Forms of "speak" that report words with "about" or "of" after them.
_SPEAK = frozenset({"speak", "speaks", "spoke", "spoken"})
#: What makes "go on" a deed or a lasting: "went on to win", "went on to extra time",
#: "went on for weeks", "went on holiday".
_DEEDS = frozenset({"xcomp", "advcl", "dobj", "npadvmod", "prep", "acomp", "attr"})


def reports_with_particle(verb: Token) -> bool:
    """Whether a verb reports words by its particle ("pointed out") or its topic ("spoke of")."""
    word = verb.lower_
    if word in _SPEAK:
        return any(c.dep_ == "prep" and c.lower_ in {"about", "of"} for c in verb.children)
    particle = _WITH_PARTICLE.get(word)
    if particle is None:
        return False
    children = list(verb.children)
    if not any(c.dep_ == "prt" and c.lower_ == particle for c in children):
        return False
    return particle != "on" or not any(c.dep_ in _DEEDS for c in children)
