"""Match the speakers an article names to the sources already recorded.

A match decides whether a quote starts ticked, so it errs towards doubt: a surname alone is
only trusted when one recorded person with it has been cited as a speaker before, and a close
spelling is only tried on a full name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.intake.surnames import PARTICLES
from factdb.models import Citation, Source, SourceAlias
from factdb.source_kinds import guess_source_kind
from factdb.sources import find_source
from factdb.vocab import SourceKind

_STOP = {"the", "of", "a", "an", "s", "and", "for", "de", "la", "le"}
_SIMILAR = 90


def _stems(name: str) -> frozenset[str]:
    """Words cut to four letters: "Norway's Defence Ministry" and "Norwegian Defense Ministry" agree."""
    words = re.findall(r"\w+", name.casefold().replace("’", "'").replace("'s ", " "))
    return frozenset(word[:4] for word in words if word not in _STOP)


@dataclass
class SpeakerMatch:
    source: Source | None
    how: str  # "name", "alias", "similar", "surname", "new" or "none"
    suggested_kind: SourceKind | None = None
    #: Why the match may be wrong (a surname several recorded people, or an author, share).
    doubt: str = ""

    @property
    def label(self) -> str:
        return self.source.name if self.source is not None else ""


class SourceMatcher:
    """Matches speakers to sources by name, alias, or a close variant of either."""

    def __init__(self, session: Session) -> None:
        self.session = session
        people = session.execute(
            select(Source.id, Source.name).where(Source.kind == SourceKind.PERSON)
        ).all()
        #: People's full names by their last word, folded: who a surname alone may mean.
        self.by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for source_id, name in people:
            words = name.casefold().split()
            if len(words) > 1:
                self.by_surname[words[-1]].append((source_id, name))
        rows = session.execute(select(Source.id, Source.name)).all()
        rows += session.execute(select(SourceAlias.source_id, SourceAlias.name)).all()
        self.names = [name for _, name in rows]
        self.ids = [source_id for source_id, _ in rows]
        self.by_stems: dict[frozenset[str], int] = {}
        for source_id, name in rows:
            self.by_stems.setdefault(_stems(name), source_id)

    def match(self, name: str | None, person: bool = False) -> SpeakerMatch:
        """The source `name` means; a person named by surname alone (`person`) only by
        `surname`'s rule, never by a close variant."""
        if not name:
            return SpeakerMatch(None, "none")
        found = find_source(self.session, name)
        if found is not None:
            return SpeakerMatch(found, "name")
        if person and _surname_alone(name):
            return self.surname(name)
        stems = _stems(name)
        if stems and stems in self.by_stems:
            return SpeakerMatch(self.session.get(Source, self.by_stems[stems]), "similar")
        if self.names:
            best = process.extractOne(name, self.names, scorer=fuzz.WRatio, score_cutoff=_SIMILAR)
            if best is not None:
                return SpeakerMatch(self.session.get(Source, self.ids[best[2]]), "similar")
        return SpeakerMatch(None, "new", guess_source_kind(name))

    def surname(self, name: str) -> SpeakerMatch:
        """The recorded person a surname alone means, when the article never gives the full name.

        Only one person who has that surname and has been quoted before is a safe guess: an
        author of an imported paper is seldom the person a news story quotes. Otherwise the
        speaker is proposed as new, unsure, with the people it might be named.
        """
        words = name.casefold().split()
        tail = " " + " ".join(words)
        namesakes = [
            (source_id, full)
            for source_id, full in self.by_surname.get(words[-1], [])
            if (" " + " ".join(full.casefold().split())).endswith(tail)
        ]
        new = SpeakerMatch(None, "new", SourceKind.PERSON)
        if not namesakes:
            return new
        ids = [source_id for source_id, _ in namesakes]
        quoted = set(
            self.session.scalars(
                select(Citation.speaker_id).where(Citation.speaker_id.in_(ids)).distinct()
            )
        )
        if len(namesakes) == 1 and ids[0] in quoted:
            return SpeakerMatch(self.session.get(Source, ids[0]), "surname")
        if len(namesakes) == 1:
            new.doubt = (
                f"only the surname is given, and {namesakes[0][1]} has it but has never been "
                "cited as a speaker: choose that source if it is the same person"
            )
        else:
            listed = ", ".join(full for _, full in namesakes[:5])
            new.doubt = (
                f"only the surname is given, and {len(namesakes)} recorded people have it "
                f"({listed}): choose one if it is one of them"
            )
        return new


def _surname_alone(name: str) -> bool:
    """Whether a person's name is a surname alone: "Brennock", "de la Cruz", "Smith-Jones"."""
    words = name.split()
    return bool(words) and all(word.casefold() in PARTICLES for word in words[:-1])
