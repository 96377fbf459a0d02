"""Match the speakers an article names to the sources already recorded.

A match decides whether a quote starts ticked, so it errs towards doubt: a surname alone is
only trusted when one recorded person with it has been cited as a speaker before, and a close
spelling is only tried on a full name. Names are compared whole, in any word order: a place
("Vardania") is never the body whose name merely contains it ("Prosecutor General's Office of
Vardania"), though an office named without its place is that office when only one is recorded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process, utils
from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.intake.extract import Quote
from factdb.intake.surnames import PARTICLES
from factdb.models import Citation, Source, SourceAlias
from factdb.source_kinds import guess_source_kind
from factdb.text import name_key
from factdb.vocab import SourceKind

_STOP = {"the", "of", "a", "an", "s", "and", "for", "de", "la", "le"}
_SIMILAR = 90
#: The last words of an office's or a public body's name: "the prosecutor general's office".
OFFICE_HEADS = frozenset(
    {"office", "ministry", "department", "agency", "commission", "committee", "council",
     "bureau", "inspectorate", "directorate", "authority", "prosecutor", "prosecutors", "court",
     "service", "police", "secretariat", "chancellery", "presidency", "embassy", "cabinet"}
)  # fmt: skip
#: Words before such a head that say which kind of office, never which one: "the local office".
_KIND_ONLY = frozenset(
    {"a", "an", "one", "some", "another", "other", "same", "this", "that", "its", "their",
     "his", "her", "our", "local", "regional", "district", "provincial", "county", "municipal",
     "city", "press", "relevant", "responsible", "competent", "unnamed", "certain"}
)  # fmt: skip


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


def described_office(phrase: str) -> str | None:
    """The office a definite description names, as its name: "the prosecutor general's
    office" is the Prosecutor General's Office; "the office", "a prosecutor's office" and
    "the local office" say which kind of office, not which one, and name none."""
    words = phrase.replace("’", "'").split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    if len(words) < 2 or words[-1].casefold() not in OFFICE_HEADS:
        return None
    if any(re.sub(r"'s?$", "", word.casefold()) in _KIND_ONLY for word in words[:-1]):
        return None
    return " ".join(word[:1].upper() + word[1:] for word in words)


def office_quote(quote: Quote, office: str, confidence: float | None) -> Quote:
    """The quote credited to the office its vague-looking speaker names (described_office)."""
    how = quote.evidence.get("how", "").replace("; no organisation named", "")
    evidence = {**quote.evidence, "how": f"{how}; the description names an office".lstrip("; ")}
    return replace(
        quote,
        speaker=office,
        speaker_kind="organisation",
        confidence=quote.confidence if confidence is None else confidence,
        evidence=evidence,
    )


def _without_place(name: str) -> frozenset[str] | None:
    """The stems of an office's name less the place it ends with: "Prosecutor General's
    Office of Vardania" is the Prosecutor General's Office (of one place). None when the part
    before the last "of" is no office ("Ministry of Defence", "Bank of Tessaly")."""
    head, of, place = name.rpartition(" of ")
    if not of or not place[:1].isupper():
        return None
    stems = _stems(head)
    heads = {re.sub(r"'s$", "", word.casefold()) for word in re.findall(r"[\w']+", head)}
    return stems if len(stems) >= 2 and heads & OFFICE_HEADS else None


#: A match as the matcher keeps it: the id of the source meant (loaded when asked for), and
#: how it was found.
_Found = tuple[int | None, SpeakerMatch]


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
        named = session.execute(select(Source.id, Source.name, Source.name_key)).all()
        aliases = session.execute(
            select(SourceAlias.source_id, SourceAlias.name, SourceAlias.name_key)
        ).all()
        rows = [(source_id, name) for source_id, name, _ in [*named, *aliases]]
        self.names = [name for _, name in rows]
        self.ids = [source_id for source_id, _ in rows]
        #: Who a name means exactly (`find_source`'s rule: by name, else by alias; the first
        #: recorded of namesakes), kept here so that a long article's few hundred names cost
        #: no query each: opening its review page took a second in these lookups alone.
        self.by_key: dict[str, int] = {}
        for source_id, _, key in sorted(aliases, key=lambda row: row[0]):
            self.by_key.setdefault(key, source_id)
        by_name: dict[str, int] = {}
        for source_id, _, key in sorted(named, key=lambda row: row[0]):
            by_name.setdefault(key, source_id)
        self.by_key.update(by_name)
        self.by_stems: dict[frozenset[str], int] = {}
        #: Offices by their name without the place it ends with: which ones "the office" may be.
        self.by_office: dict[frozenset[str], dict[int, str]] = defaultdict(dict)
        for source_id, name in rows:
            self.by_stems.setdefault(_stems(name), source_id)
            if (office := _without_place(name)) is not None:
                self.by_office[office].setdefault(source_id, name)
        #: Each name is matched once: a long article names the same few speakers hundreds of
        #: times, and a close-variant search runs over every recorded name.
        self._matched: dict[tuple[str, bool], _Found] = {}
        self._sources: dict[int, Source] = {}

    def match(self, name: str | None, person: bool = False) -> SpeakerMatch:
        """The source `name` means; a person named by surname alone (`person`) only by
        `surname`'s rule, never by a close variant."""
        if not name:
            return SpeakerMatch(None, "none")
        key = (name, person)
        if key not in self._matched:
            self._matched[key] = self._match(name, person)
        source_id, found = self._matched[key]
        source = None if source_id is None else self._source(source_id)
        return replace(found, source=source)  # a copy: callers set its kind and doubt

    def _match(self, name: str, person: bool) -> _Found:
        if not name:
            return None, SpeakerMatch(None, "none")
        found = self.by_key.get(name_key(name) or "\0")
        if found is not None:
            return (found, SpeakerMatch(None, "name"))
        if person and _surname_alone(name):
            return self.surname(name)
        stems = _stems(name)
        if stems and stems in self.by_stems:
            return (self.by_stems[stems], SpeakerMatch(None, "similar"))
        if offices := self.by_office.get(stems):
            return self._office(name, offices)
        if self.names:
            # Whole names in any word order: a partial score would let "Vardania" be any body
            # whose name contains it.
            best = process.extractOne(
                name,
                self.names,
                scorer=fuzz.token_sort_ratio,
                processor=utils.default_process,
                score_cutoff=_SIMILAR,
            )
            if best is not None:
                return (self.ids[best[2]], SpeakerMatch(None, "similar"))
        return None, SpeakerMatch(None, "new", guess_source_kind(name))

    def _source(self, source_id: int) -> Source:
        """The recorded source, loaded with the others `prepare` was told of in one query."""
        return self._sources.get(source_id) or self.session.get_one(Source, source_id)

    def prepare(self, names: Iterable[tuple[str | None, bool]]) -> None:
        """Match these (name, person) pairs at once, loading the sources they mean in one
        query rather than one each."""
        for name, person in names:
            if name and (name, person) not in self._matched:
                self._matched[(name, person)] = self._match(name, person)
        ids = {source_id for source_id, _ in self._matched.values() if source_id is not None}
        wanted = sorted(ids - set(self._sources))
        for low in range(0, len(wanted), 500):  # within any database's limit of parameters
            chunk = wanted[low : low + 500]
            for source in self.session.scalars(select(Source).where(Source.id.in_(chunk))):
                self._sources[source.id] = source

    def _office(self, name: str, offices: dict[int, str]) -> _Found:
        """The one recorded office `name` is, less its place; with several, nobody's guess."""
        if len(offices) == 1:
            (source_id,) = offices
            return (source_id, SpeakerMatch(None, "similar"))
        new = SpeakerMatch(None, "new", guess_source_kind(name))
        listed = ", ".join(sorted(offices.values())[:5])
        new.doubt = f"{len(offices)} recorded offices have this name ({listed}): choose one"
        return None, new

    def surname(self, name: str) -> _Found:
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
            return None, new
        ids = [source_id for source_id, _ in namesakes]
        quoted = set(
            self.session.scalars(
                select(Citation.speaker_id).where(Citation.speaker_id.in_(ids)).distinct()
            )
        )
        if len(namesakes) == 1 and ids[0] in quoted:
            return (ids[0], SpeakerMatch(None, "surname"))
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
        return None, new


def _surname_alone(name: str) -> bool:
    """Whether a person's name is a surname alone: "Brennock", "de la Cruz", "Smith-Jones"."""
    words = name.split()
    return bool(words) and all(word.casefold() in PARTICLES for word in words[:-1])
