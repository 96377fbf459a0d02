"""Read the common French cue after a quotation: « … », a déclaré le maire, Pierre Martin.

The English parser cannot read French, so the cue and the speaker are read from the text
itself: one of a few reporting verbs (or "selon") right after the closing mark, then the
speaker's phrase up to the end of the sentence, a name and the role written beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdb.intake.attribution import Attribution
from factdb.intake.mentions import PERSON, VAGUE, Mention, Mentions

_CUE = re.compile(
    r"[\s,»”\"]*(?:[—–-]\s*)?"
    r"(?P<cue>(?:a|ont)\s+(?:déclaré|dit|affirmé|ajouté|expliqué|indiqué|souligné|estimé"
    r"|assuré|précisé)|selon)\s+(?P<who>[^.;!?«»“”\"\n]+)"
)
_ARTICLE = re.compile(r"^(?:le|la|les|l['’]|un|une)\s*", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:M\.|Mme|Mlle|Me|Dr|Pr)\s+")
#: Lower-case words a French name may hold: "Jean de La Fontaine".
_PARTICLES = frozenset({"de", "du", "des", "d’", "d'", "la", "le"})
#: Words that open what follows a name without being its role: "a dit Marc Leroy, lundi".
_NOT_A_ROLE = frozenset(
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "ce",
     "cette", "lors", "dans", "devant", "après", "avant", "en", "au", "à", "avec", "mais", "qui"}
)  # fmt: skip


@dataclass(frozen=True)
class FrenchCue:
    """What the words after a quotation say: the cue, and who spoke, where each stands."""

    cue: str
    cue_span: tuple[int, int]
    name: str | None
    role: str | None
    speaker_span: tuple[int, int]


def french_cue(text: str, end: int) -> FrenchCue | None:
    """The French cue just after a quotation ending at `end`, and who it names; else None."""
    found = _CUE.match(text, end)
    if found is None:
        return None
    who_start = found.start("who")
    parts = _parts(found.group("who"), who_start)
    if not parts:
        return None
    named = next((i for i, (part, _) in enumerate(parts[:2]) if _is_name(part)), None)
    cue_span = (found.start("cue"), found.end("cue"))
    cue = " ".join(found.group("cue").split())
    if named is None:
        part, start = parts[0]
        return FrenchCue(cue, cue_span, None, part, (start, start + len(part)))
    name, start = parts[named]
    beside = parts[1 - named][0] if len(parts) > 1 else None
    if beside is not None and named == 0 and beside.split()[0].casefold() in _NOT_A_ROLE:
        beside = None
    role = _ARTICLE.sub("", beside).strip() if beside else None
    bare = _HONORIFIC.sub("", name)
    start += len(name) - len(bare)
    return FrenchCue(cue, cue_span, bare, role or None, (start, start + len(bare)))


def _parts(who: str, offset: int) -> list[tuple[str, int]]:
    """The comma-separated parts of the speaker's phrase, with where each starts."""
    parts = []
    position = offset
    for raw in who.split(","):
        part = raw.strip()
        if part:
            parts.append((part, position + raw.index(part)))
        position += len(raw) + 1
    return parts


def _is_name(part: str) -> bool:
    """ "Pierre Martin", "M. Leroy", "Jean de La Fontaine": capitalised words, no article first."""
    words = _HONORIFIC.sub("", part).split()
    if not words or len(words) > 5 or _ARTICLE.match(part):
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words)


def french_attribution(
    text: str, end: int, paragraph: int, mentions: Mentions
) -> Attribution | None:
    """Who the French cue after a quotation names: a person (remembered for a later surname),
    or a description such as "le porte-parole", which names nobody and starts unticked."""
    found = french_cue(text, end)
    if found is None:
        return None
    how = f"French cue “{found.cue}” after the quotation"
    line_start = text.rfind("\n", 0, end) + 1
    line_end = text.find("\n", end)
    sentence = text[line_start : len(text) if line_end < 0 else line_end].strip()
    if found.name is None:
        return Attribution(
            found.role, None, VAGUE, found.cue, 0.5, f"{how}; nobody named", sentence,
            found.cue_span, found.speaker_span,
        )  # fmt: skip
    full = mentions.full_name(found.name, found.speaker_span[0])
    if " " in full:
        mentions.learn(Mention(found.speaker_span[0], paragraph, full, PERSON, found.role))
    named = "named" if full == found.name else f"“{found.name}” is {full}, named in full elsewhere"
    return Attribution(
        # Not a role the English reading gave the name: it cannot read the French around it.
        full, found.role, PERSON, found.cue,
        0.9 if full == found.name else 0.85, f"{how}; {named}", sentence,
        found.cue_span, found.speaker_span,
    )  # fmt: skip
