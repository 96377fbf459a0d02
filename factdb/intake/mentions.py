"""Remember every name met outside quotations: whom "Haslett", "he" or "the company" mean."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from factdb.intake.described import DescribedPeople
from factdb.intake.groups import (
    BODY_ENDINGS,
    GENERIC_ORGANISATIONS,
    ORGANISATION_NAME_WORDS,
    VAGUE_DETERMINERS,
)
from factdb.intake.headlines import full_name_in_headline
from factdb.intake.honorifics import KEPT_IN_NAME
from factdb.intake.name_variants import NameForms, variants
from factdb.intake.named import Named as Named  # where the readers of phrases import it
from factdb.intake.offices import proper_words, unlike
from factdb.intake.org_kinds import fits_kind, says_its_kind
from factdb.intake.peerage import PEERAGE_TITLES, in_full, titled_word
from factdb.intake.roles import NAME_SUFFIXES, is_bare_role
from factdb.intake.surname_bodies import bodies_who_are_people
from factdb.intake.surnames import surname_keys

PERSON, ORGANISATION, VAGUE, NONE = "person", "organisation", "vague", "none"


@dataclass
class Mention:
    """A name met in the text: where, in which paragraph, of what kind, with which role."""

    position: int
    paragraph: int
    name: str
    kind: str
    role: str | None = None
    #: Named as the subject of a clause: what a later "he" most likely points back to.
    subject: bool = True
    #: Titles written before the name ("sen", "judge"), for a later "the senator".
    titles: frozenset[str] = frozenset()
    #: The team or body the words around the name tie it to ("rovers" in "Rovers coach Jane
    #: Doe"), for a later "the Rovers coach".
    ties: frozenset[str] = frozenset()
    #: Named only as whose a role is ("Tottenham Hotspur manager"): a body, never a person.
    owner: bool = False
    #: Named only as who was given the words ("a statement shared with the Harwick Gazette",
    #: "told the Kilby Ledger") or passed them on ("the Harwick Tribune reported"): an outlet,
    #: never what "it", "he" or "the company" means.
    recipient: bool = False
    #: Where a site stands ("the plant on Marshside"): a place, never who "the company" is.
    place: bool = False
    paper: str = ""  #: what a paper was called ("statement", "email"): "the statement" is one


@dataclass
class Mentions(DescribedPeople):
    """Names met outside quotations, in the order of the text."""

    people: list[Mention] = field(default_factory=list)
    organisations: list[Mention] = field(default_factory=list)
    descriptions: list[Mention] = field(default_factory=list)
    #: Who issued each statement named, where the statement is named.
    statements: list[Mention] = field(default_factory=list)
    #: People named together ("Ana Ruiz and Tomas Brandt"): where, which paragraph, the names.
    pairs: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)
    ties: dict[str, set[str]] = field(default_factory=dict)
    #: The pronouns the article used for each person ("he", "she"), as far as they were read:
    #: a later "she" passes over someone the article called "he".
    called: dict[str, set[str]] = field(default_factory=dict)
    #: People quoted so far, in the order their words were read.
    spoke: list[Mention] = field(default_factory=list)
    #: The article's first paragraph, where a name may be given in full only once.
    headline: str = ""
    #: The article's first OPENING characters: "The embattled minister drew …" before her name.
    opening: str = ""
    _full: dict[str, list[Mention]] = field(default_factory=dict)
    _positions: dict[int, list[int]] = field(default_factory=dict)
    _known: set[str] = field(default_factory=set)
    _organisation_names: set[str] = field(default_factory=set)
    _resolved: dict[str, list[Mention]] = field(default_factory=dict)
    #: Names in full the recogniser took for something else ("a neighbour Darnell Pruitt" as a
    #: place), by surname: a later "said Pruitt" is still him.
    _other_full: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    #: The other words of each name of several words the article gives ("kilby" for "rovers"
    #: after "Kilby Rovers"), built when first needed.
    _teams: dict[str, set[str]] | None = None
    #: Names read as organisations' that a later "he" or "she" made people's: a guess to confirm.
    guessed: set[str] = field(default_factory=set)
    led: set[str] = field(default_factory=set)  #: bodies named as in "Kilby boss Ana Lee"
    #: The distinct names a `full_name` look-up may give: one name, not a thousand mentions.
    _names_for: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: The names in full, for one written another way ("Rashid" and "Rasheed").
    forms: NameForms = field(default_factory=NameForms)
    article: tuple[str, list[int]] = ("", [])  #: its text and where each paragraph starts

    def add(self, mention: Mention) -> None:
        """Keep a mention, and index a person's first and last names for a later surname."""
        target = {
            PERSON: self.people,
            ORGANISATION: self.organisations,
            VAGUE: self.descriptions,
        }[mention.kind]
        target.append(mention)
        if mention.kind == PERSON and titled_word(mention.name):
            # "Sir Richard" after Sir Richard Dearlove is Richard Dearlove
            mention.name = self.full_name(mention.name, mention.position)
        if mention.kind == PERSON and " " in mention.name:
            mention.name = self.forms.add(mention.name)
            self._names_for.clear()
            parts = mention.name.casefold().split()
            while len(parts) > 2 and parts[-1] in NAME_SUFFIXES:
                parts = parts[:-1]  # "John Crabb Jr." is "Crabb"
            # "de la cruz" and "la cruz" too: a surname with its particles, said alone later
            # "Rasheed" of "Sheikh Rasheed Malik": the first name after a title kept in the name
            given = parts[1:2] if parts[0] in KEPT_IN_NAME and len(parts) > 2 else []
            keys = {parts[-1], parts[0], *given, *surname_keys(mention.name)} - PEERAGE_TITLES
            for key in keys:
                self._full.setdefault(key, []).append(mention)
        if mention.role and mention.name not in self.roles and mention.kind != VAGUE:
            self.roles[mention.name] = mention.role
        if mention.titles:
            self.titles.setdefault(mention.name, set()).update(mention.titles)
        ties = mention.ties | proper_words(mention.role)
        if ties and mention.kind == PERSON:
            self.ties.setdefault(mention.name, set()).update(ties)

    def learn(self, mention: Mention) -> None:
        """Remember a speaker found on the way: a name the recogniser had missed, and every
        speaker as the subject a later "he added" most likely points back to."""
        if mention.kind != PERSON or " " not in mention.name:
            return
        self.spoke.append(mention)
        if mention.role and mention.name not in self.roles:
            # "according to Sgt. Ole Brekke, a platoon leader": the role the cue's phrase
            # gave, kept for a later "Brekke said" where the recogniser had missed the name
            self.roles[mention.name] = mention.role
        if mention.name not in self._known:
            self.add(mention)
            self.sort()
            return
        positions = self._positions[id(self.people)]
        index = bisect.bisect_left(positions, mention.position)
        if index < len(positions) and positions[index] == mention.position:
            self.people[index].subject = True
            return
        mention.role = None  # the name's role is known already
        self.people.insert(index, mention)
        positions.insert(index, mention.position)

    def call(self, name: str, pronoun: str) -> None:
        """Remember that the article spoke of a person as "he" or "she"."""
        if pronoun in {"he", "she"}:
            self.called.setdefault(name, set()).add(pronoun)

    def sort(self) -> None:
        """Put every list in text order, so that look-ups by position can bisect."""
        lists = (self.people, self.organisations, self.descriptions, self.statements)
        for items in lists:
            items.sort(key=lambda m: m.position)
        self._positions = {id(items): [m.position for m in items] for items in lists}
        self._known = {m.name for m in self.people}
        self._organisation_names = {m.name.casefold() for m in self.organisations}
        self._resolved.clear()
        self._names_for.clear()
        self._teams = None

    def before(self, items: list[Mention], position: int, limit: int = 200):
        """Mentions before `position`, nearest first; at most `limit`, so look-ups stay cheap."""
        if id(items) not in self._positions:
            self.sort()  # looked up while the names are still being gathered
        index = bisect.bisect_left(self._positions[id(items)], position)
        for i in range(index - 1, max(-1, index - 1 - limit), -1):
            yield items[i]

    def positions(self, items: list[Mention]) -> list[int]:
        """The positions of a list's mentions, in text order, for bisecting."""
        if id(items) not in self._positions:
            self.sort()
        return self._positions[id(items)]

    def add_other_full_name(self, position: int, name: str) -> None:
        """Keep a name in full the recogniser gave another kind, for a later surname alone."""
        self._other_full.setdefault(name.split()[-1].casefold(), []).append((position, name))

    def other_full_name(self, surname: str, position: int) -> str:
        """ "Pruitt" is the "Darnell Pruitt" named before it as whatever the recogniser thought."""
        earlier = [n for at, n in self._other_full.get(surname.casefold(), []) if at < position]
        return earlier[-1] if earlier else surname

    def full_name(self, name: str, position: int) -> str:
        """ "Haslett" is the Rachel Haslett named before it (or, in a headline, after it)."""
        key = name.casefold()
        if titled_word(name):  # "Lord Pellow": the person named in full, else as written
            return in_full(name, self.full_name(titled_word(name) or name, position))
        if " " in name and key not in self._full:
            return self._longer_name(name, position)
        candidates = self._full.get(key, []) or self._variants(key, position)
        if not candidates:
            return name
        # a name in capitals is a heading's: the article writes it as names are written
        every = self._distinct("full", key, candidates)
        names = [n for n in every if not n.isupper()] or every
        if len(names) == 1:  # whichever mention is nearest, it gives this name
            return names[0]
        candidates = [m for m in candidates if not m.name.isupper()] or candidates
        earlier = [m for m in candidates if m.position <= position]
        return (earlier[-1] if earlier else min(candidates, key=lambda m: m.position)).name

    def _variants(self, key: str, position: int) -> list[Mention]:
        """ "Kupchyna" for Kupcyna; else a misspelling nearby ("Corbell" for Dana Corvell)."""
        return variants(key, self._full, self._resolved, self.article, position)

    def _longer_name(self, name: str, position: int) -> str:
        """ "Kanta Bhusal" is the Rama Kanta Bhusal named in full: the recogniser often
        leaves out the first of three names in one sentence and not in another."""
        tail = " " + name.casefold()
        mentions = self._full.get(name.split()[-1].casefold(), [])
        names = [
            n
            for n in self._distinct("all", name.split()[-1].casefold(), mentions)
            if n.casefold().endswith(tail)
            # one first name more, never a role the recogniser took in ("Spokeswoman …")
            and len(n.split()) == len(name.split()) + 1
            and not is_bare_role(n.split()[0])
        ]
        if len(names) < 2:
            return names[0] if names else (self.forms.written_as(name) or name)
        longer = [m for m in mentions if m.name in names]
        earlier = [m for m in longer if m.position <= position]
        return (earlier[-1] if earlier else longer[0]).name

    def _distinct(self, kind: str, key: str, mentions: list[Mention]) -> list[str]:
        """The distinct names of a list of mentions, read once until a mention is added."""
        found = self._names_for.get((kind, key))
        if found is None:
            found = self._names_for[(kind, key)] = list(dict.fromkeys(m.name for m in mentions))
        return found

    def person_named(self, name: str, outside: tuple[int, int]) -> str | None:
        """The person named in full as `name` outside a stretch of text (a heading naming
        "LENA HOLT" is the Lena Holt the article names), as the article writes it."""
        folded = name.casefold()
        return next(
            (
                m.name
                for m in self._full.get(folded.split()[-1], [])
                if m.name.casefold() == folded
                and not m.name.isupper()
                and not outside[0] <= m.position < outside[1]
            ),
            None,
        )

    def person_at(self, name: str, span: tuple[int, int]) -> bool:
        """Whether the recogniser named this person, however capitalised, at these offsets."""
        positions = self.positions(self.people)
        index = bisect.bisect_left(positions, span[0])
        return any(
            m.name.casefold() == name.casefold()
            for m in self.people[index : bisect.bisect_left(positions, span[1])]
        )

    def organisation_named(self, name: str) -> bool:
        """Whether the article names an organisation so, however capitalised."""
        if id(self.organisations) not in self._positions:
            self.sort()
        return name.casefold() in self._organisation_names

    def organisation_led_by(self, name: str) -> bool:
        """Whether a "person" is a club: named elsewhere with words that end a body's name ("Harbour
        Town" of "Harbour Town FC") or before a leader's role ("Kilby boss Ana Lee"), or ending like
        one ("Kilby United"). A person's name also read as an organisation's ("Ivo Kranjc") stays a
        person's, and so does one a body is named after: "Lena Marsh" of "Lena Marsh Foundation"."""
        folded = name.casefold()
        if folded.split()[-1:] and folded.split()[-1] in ORGANISATION_NAME_WORDS:
            return folded in self.led or self.organisation_named(name)
        if id(self.organisations) not in self._positions:
            self.sort()
        lead = folded + " "
        return folded in self.led or any(
            org.startswith(lead) and set(org[len(lead) :].split()) <= BODY_ENDINGS
            for org in self._organisation_names
        )

    def people_who_are_bodies(self) -> None:
        """Move to the organisations the "people" whose name is an organisation's named in the
        article ("Harbour Town would go on to equalise" after "Harbour Town FC"): a later "he"
        must never point back to a club."""
        self.sort()
        bodies_who_are_people(self)  # and the other way: "Gwarzama" after Tanko Gwarzama
        bodies = {id(m) for m in self.people if self.organisation_led_by(m.name)}
        if not bodies:
            return
        for mention in self.people:
            if id(mention) in bodies:
                mention.kind = ORGANISATION
                self.organisations.append(mention)
        self.people = [m for m in self.people if id(m) not in bodies]
        for named in self._full.values():
            named[:] = [m for m in named if id(m) not in bodies]
        self.sort()

    def longer_organisation(self, name: str, position: int) -> str | None:
        """ "Exchange" is the London Stock Exchange named before: an organisation named by the
        last words of its name in full (a capitalised word, never a generic one)."""
        tail = " " + name.casefold()
        if " " in name or not name[:1].isupper() or name.casefold() in GENERIC_ORGANISATIONS:
            return None
        for mention in self.before(self.organisations, position, limit=50):
            if mention.name.casefold().endswith(tail):
                return mention.name
        return None

    def named_in_full(self, surname: str) -> list[str]:
        """Every name in full with that surname, in order: "Holt" may be two people."""
        key = surname.casefold()
        found = [m.name for m in self._full.get(key, []) if m.name.casefold().split()[-1] == key]
        return list(dict.fromkeys(found))

    def headline_name(self, surname: str) -> str:
        """ "Castellano" is the Mira Castellano of a headline whose capitals hid her name."""
        return full_name_in_headline(self.headline, surname) or surname

    def last_person(self, position: int, paragraph: int, pronoun: str = "") -> Mention | None:
        """The named person a pronoun points back to; an unnamed one only when nobody was named,
        or when somebody new came in since ("And one juror sent a message. … he said")."""
        newcomer = next(
            (
                m
                for m in self.before(self.descriptions, position, limit=1)
                if m.name.split()[0].casefold() in VAGUE_DETERMINERS
                and paragraph - m.paragraph <= 1
            ),
            None,
        )
        nearest = None
        for mention in self.before(self.people, position):
            if newcomer is not None and mention.position < newcomer.position:
                return newcomer
            if paragraph - mention.paragraph > 4:
                break
            if unlike(pronoun, self.pronoun_words(mention)):
                continue  # "she" is not the "Mr. Alan Voss" of the text
            if mention.subject:
                return mention
            nearest = nearest or mention
        if nearest is not None:
            return nearest
        for mention in self.before(self.descriptions, position, limit=1):
            if paragraph - mention.paragraph <= 4:
                return mention
        last = next(self.before(self.people, position, limit=1), None)
        return None if last is None or unlike(pronoun, self.pronoun_words(last)) else last

    def last_organisation(self, position: int, head: str | None = None) -> Mention | None:
        """The organisation "it" or "the company" points back to. "The union" or "the ministry"
        must name one of that kind: an airline named before is not "the union"."""
        first = None
        for mention in self.before(self.organisations, position, limit=50):
            if mention.recipient and not (head and says_its_kind(mention.name, head)):
                continue  # "In a statement shared with the Gazette, the company said"
            if mention.place or mention.name.casefold() == head:
                continue  # a place, or the kind alone ("Bank" cut from "Co-operative Bank")
            if head is None or head in mention.name.casefold():
                return mention
            if not fits_kind(mention.name, head):
                continue
            first = first or mention
        return first if head is None or head in GENERIC_ORGANISATIONS else None

    def employer_of_last_speaker(
        self, position: int, paragraph: int, head: str | None = None
    ) -> Mention | None:
        """The organisation the person quoted just before is of ("Lucent Chief Executive
        Patricia Russo said …"), named before: what "the company said" after it means rather
        than a customer named in passing."""
        speaker = next((m for m in reversed(self.spoke[-5:]) if m.position < position), None)
        if speaker is None or paragraph - speaker.paragraph > 1:
            return None
        ties = self.ties.get(speaker.name, set())
        if not ties:
            return None
        return next(
            (
                organisation
                for organisation in self.before(self.organisations, position, limit=50)
                if ties & set(organisation.name.casefold().split())
                and not organisation.owner
                and not organisation.place
                and fits_kind(organisation.name, head)
            ),
            None,
        )
