"""Who a description means: "the judge", "the Rovers coach", "the minister" said.

A description resolves to the person the article gave that office or tied to that team, before
or after it; never to someone merely quoted last. Mixed into `mentions.Mentions`, whose lists it reads.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from factdb.intake.ledes import lede_paragraph
from factdb.intake.nationalities import same_country
from factdb.intake.offices import COURT_OFFICES, OFFICES, fitting, role_words
from factdb.intake.roles import PERSON_NOUNS, ROLE_HEADS

if TYPE_CHECKING:
    from factdb.intake.mentions import Mention


#: Characters at the head of an article where a story may open on its subject unnamed.
OPENING = 600


#: Words that make an office another one: "Deputy Foreign Minister" is no foreign minister.
_LESSER = frozenset({"deputy", "vice", "assistant", "former", "ex"})


class DescribedPeople:
    """The look-ups that resolve a description of a person among the names met so far."""

    roles: dict[str, str]
    titles: dict[str, set[str]]
    called: dict[str, set[str]]

    def described(
        self,
        head: str,
        position: int,
        paragraph: int,
        team: frozenset[str] = frozenset(),
        places: frozenset[str] = frozenset(),
        kinds: frozenset[str] = frozenset(),
    ) -> tuple[Mention | None, bool]:
        """The person "the spokesman" or "the head of state" points to; True when a role matched.

        A person with that role named before, else one named with it just after ("the press
        secretary told them. The press secretary, Dana Lowe, …"), else the last person named.
        A description that names a team or a body (`team`: "the Rovers coach", "Brandt's
        lawyer") is only a person the article ties to it ("Rovers coach Jane Doe"), else nobody;
        one that names a place ("the Texas senator") is not a person tied to another. A
        description that says which kind of the office (`kinds`: "the foreign minister") is
        first the person given that very office, not the prime minister named since.
        """
        words = fitting(head)
        qualified, lesser = self._of_that_kind(words, kinds, position, team, places)
        if qualified is not None or lesser:
            return qualified, True  # only a deputy of that office named: nobody named
        recent = subject = None
        elsewhere = False  # someone with that role, tied to another team
        for mention in self.before(self.people, position):
            tied = self.tied(mention, team, places)
            if words & self.role_words(mention.name):
                if tied:
                    return mention, True
                elsewhere = True
            if paragraph - mention.paragraph <= 3 and tied:
                recent = recent or mention
                if mention.subject:  # "the tennis player" is who the story is about
                    subject = subject or mention
        ahead = self._described_after(words, position, paragraph, team, places)
        if ahead is not None:
            return ahead, True
        if team:
            # "Tomas Brenner, whose City side …": "the City manager" is the one person tied
            # to the club with no other role; never the manager of another club named.
            found = self._tied_without_role(position, paragraph, team)
            if found is not None or elsewhere:
                return found, False
        return subject or recent, False

    def _of_that_kind(
        self,
        words: frozenset[str],
        kinds: frozenset[str],
        position: int,
        team: frozenset[str],
        places: frozenset[str],
    ) -> tuple[Mention | None, bool]:
        """The person named last before whose role holds the office and every word saying
        which kind of it the description names ("foreign" of "the foreign minister"); True
        when only a deputy, vice or former holder of it was named, who is not the office."""
        lesser = False
        if not kinds:
            return None, lesser
        for mention in self.before(self.people, position):
            roles = self.role_words(mention.name)
            if words & roles and kinds <= roles and self.tied(mention, team, places):
                if (roles & _LESSER) - words - kinds:
                    lesser = True
                    continue
                return self._whole(mention), False
        return None, lesser

    def lede(self) -> int:
        """The paragraph that opens the running text, below a headline or a byline (`ledes`)."""
        return lede_paragraph([line for line in self.opening.splitlines() if line.strip()])

    def _whole(self, mention: Mention) -> Mention:
        """The same person named in full where the recogniser cut the surname off the name
        the title stood before ("Foreign Minister Shah Lal" of "Shah Lal Qadir")."""
        positions = self.positions(self.people)
        end = mention.position + len(mention.name) + 1
        index = bisect.bisect_left(positions, mention.position)
        for longer in self.people[index : index + 4]:
            if longer.position <= end and longer.name.startswith(mention.name + " "):
                return longer
        return mention

    def _tied_without_role(
        self, position: int, paragraph: int, team: frozenset[str]
    ) -> Mention | None:
        """The person named before, within six paragraphs, whom the article ties to a team
        and gives no role, when there is exactly one."""
        found = {
            mention.name: mention
            for mention in self.before(self.people, position, limit=40)
            if paragraph - mention.paragraph <= 6
            and self.ties.get(mention.name, set()) & team
            and not self.role_words(mention.name) & (ROLE_HEADS | PERSON_NOUNS)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def tied(self, mention: Mention, team: frozenset[str], places: frozenset[str]) -> bool:
        """Whether the article ties a person to the team or body a description names: by the
        same word, or by two words of one name it gives ("Kilby manager" and "the Rovers
        coach" after "Kilby Rovers"), or by nothing at all (a nickname: "the Reds boss").
        A surname alone is tied as the person named in full ("Kilby captain Ana Rao")."""
        wanted = team or places
        if not wanted:
            return True
        ties = self.ties.get(mention.name, set())
        if " " not in mention.name:
            ties = ties | self.ties.get(self.full_name(mention.name, mention.position), set())
        if not ties or ties & wanted:
            # tied to nothing the article says: "the Reds boss" may be a nickname's
            return True
        if any(same_country(w, t) or same_country(t, w) for w in wanted for t in ties):
            return True  # "the Kestrian skipper" and "Kestria captain Ana Rao"
        if self._teams is None:
            self._teams = {}
            for mention in [*self.people, *self.organisations]:
                parts = mention.name.casefold().split()
                for part in parts if len(parts) > 1 else ():
                    self._teams.setdefault(part, set()).update(parts)
        return any(ties & self._teams.get(word, set()) for word in wanted)

    def office_holder(self, head: str, position: int, paragraph: int) -> tuple[Mention | None, str]:
        """Who "the spokesman" is when the article gave nobody that office: the person just
        quoted, else the person named as a subject right after it, either given no other
        office; with how they were found.

        Never for a judge: court reports name the judge with the title ("Judge Helena Marsh",
        "Marsh, the judge"), so "the judge" with nobody given it is a judge the article did not
        name, not the defendant or the lawyer quoted or named beside the words."""
        if head in COURT_OFFICES:
            return None, ""
        found = self.last_speaker(head, position, paragraph)
        if found is not None:
            return found, ", the last one quoted"
        positions = self.positions(self.people)
        index = bisect.bisect_right(positions, position)
        for mention in self.people[index : index + 10]:
            if mention.paragraph - paragraph > 1:
                break
            if mention.subject and not self.role_words(mention.name) & ROLE_HEADS:
                return mention, ", named as a subject just after"
        found = self.named_after_opening(head, position)
        if found is not None:
            return found, ", named just after the article opened on “the " + head + "”"
        return None, ""

    def named_after_opening(self, head: str, position: int) -> Mention | None:
        """ "The embattled minister drew the anger of … Ms. Okafor, however, told …": a story
        that opens on its subject by office names them as the next subject; a later "the
        minister said" is that person, when the article gave them no other office."""
        opening = re.search(
            rf"(?:^|[.!?][\"”’]?\s+)The (?:[a-z][\w-]* ){{0,2}}{re.escape(head)}\b",
            self.opening[:position],
            re.MULTILINE,
        )
        if opening is None:
            return None
        index = bisect.bisect_right(self.positions(self.people), opening.end())
        for mention in self.people[index : index + 1]:
            offices = self.role_words(mention.name) & (OFFICES | ROLE_HEADS)
            if (
                mention.subject
                and mention.position < position
                and mention.position - opening.end() <= OPENING
                and (not offices or offices & fitting(head))
            ):
                return mention
        return None

    def last_speaker(self, head: str, position: int, paragraph: int) -> Mention | None:
        """The person quoted last, in the three paragraphs before, whom the article gave no
        other office: "the spokesman said" after "Saeed Lind said" with no role given."""
        words = fitting(head)
        for mention in reversed(self.spoke[-20:]):
            if mention.position >= position:
                continue
            if paragraph - mention.paragraph > 3:
                return None
            # "Brooks's barrister, Oskar Lind," is not "the spokesman": any office the article
            # gave a person must be the one described.
            offices = self.role_words(mention.name) & (OFFICES | ROLE_HEADS)
            if not offices or offices & words:
                return mention
        return None

    def role_words(self, name: str) -> set[str]:
        """What the article called a person: the words of the role, the titles before the name
        and the pronouns used for them."""
        titles = self.titles.get(name, set()) | self.called.get(name, set())
        return role_words(self.roles.get(name), titles)

    def pronoun_words(self, mention: Mention) -> set[str]:
        """What the article called the person a mention names, also under the full name and
        the surname: "Holm" is the Councilwoman Greta Holm named before, and Kimberley Obrusik
        the "Miss Obrusik" named after, never a later "he"."""
        full = self.full_name(mention.name, mention.position)
        return self.role_words(mention.name) | self.name_words(full)

    def name_words(self, name: str) -> set[str]:
        """What the article called a person under the full name and under the surname alone."""
        words = self.role_words(name)
        return words | self.role_words(name.split()[-1]) if " " in name else words

    def named_next(self, head: str, position: int, paragraph: int) -> Mention | None:
        """The person a lede's "a federal judge" is: the one named with that role in the same
        paragraph or the next two, the only one so named there."""
        words = fitting(head)
        positions = self.positions(self.people)
        index = bisect.bisect_right(positions, position)
        found = {
            mention.name
            for mention in self.people[index : index + 40]
            if mention.paragraph - paragraph <= 2 and words & self.role_words(mention.name)
        }
        if len(found) != 1:
            return None
        name = found.pop()
        return next(m for m in self.people[index:] if m.name == name)

    def _described_after(
        self,
        words: frozenset[str],
        position: int,
        paragraph: int,
        team: frozenset[str],
        places: frozenset[str],
    ):
        """A person named with the role after its description, in the next six paragraphs."""
        positions = self.positions(self.people)
        index = bisect.bisect_right(positions, position)
        for mention in self.people[index : index + 40]:
            if mention.paragraph - paragraph > 6:
                break
            if words & self.role_words(mention.name) and self.tied(mention, team, places):
                return mention
        return None
