"""Who a noun phrase names: a person, an organisation, or nobody in particular.

Words lists are the rules a parser cannot learn from its training data: honorifics and titles
(kept as the role, never as the name), cue verbs, and the nouns that describe people,
organisations and statements. `Mentions` remembers every name met outside quotations, so that
"Haslett", "he", "the head of state" and "the company" find who they point back to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Span, Token

from factdb.intake.cues import RUSSIAN_CUES

PERSON, ORGANISATION, VAGUE, NONE = "person", "organisation", "vague", "none"

CUE_VERBS = frozenset(
    [
        "stating",
        "yell",
        "yells",
        "yelled",
        "scream",
        "screamed",
        "chant",
        "chanted",
        "shouts",
        "appeal",
        "appeals",
        "appealed",
        "denounce",
        "denounces",
        "denounced",
        "condemn",
        "condemns",
        "condemned",
        "criticise",
        "criticised",
        "criticize",
        "criticized",
        "slam",
        "slammed",
        "blast",
        "blasted",
        "hail",
        "hailed",
        "praise",
        "praised",
        "welcome",
        "welcomed",
        "clarify",
        "clarifies",
        "clarified",
        "remind",
        "reminds",
        "reminded",
        "reminding",
        "assess",
        "assessed",
        "assert",
        "asserts",
        "asserted",
        "asserting",
        "posit",
        "posited",
        "reiterate",
        "reiterates",
        "reiterated",
        "reiterating",
        "rue",
        "rued",
        "elaborate",
        "elaborated",
        "recount",
        "recounted",
        "recounts",
        "allege",
        "alleges",
        "alleged",
        "hint",
        "hinted",
        "contend",
        "contends",
        "contended",
        "fume",
        "fumed",
        "gush",
        "gushed",
        "muse",
        "mused",
        "opine",
        "opined",
        "plead",
        "pleaded",
        "reveal",
        "revealed",
        "reveals",
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "telling",
        "add",
        "adds",
        "added",
        "adding",
        "write",
        "writes",
        "wrote",
        "writing",
        "written",
        "tweet",
        "tweets",
        "tweeted",
        "tweeting",
        "post",
        "posts",
        "posted",
        "argue",
        "argues",
        "argued",
        "arguing",
        "warn",
        "warns",
        "warned",
        "warning",
        "ask",
        "asks",
        "asked",
        "asking",
        "reply",
        "replies",
        "replied",
        "replying",
        "respond",
        "responds",
        "responded",
        "insist",
        "insists",
        "insisted",
        "insisting",
        "note",
        "notes",
        "noted",
        "noting",
        "believe",
        "believes",
        "believed",
        "explain",
        "explains",
        "explained",
        "explaining",
        "state",
        "states",
        "stated",
        "declare",
        "declares",
        "declared",
        "claim",
        "claims",
        "claimed",
        "continue",
        "continues",
        "continued",
        "conclude",
        "concludes",
        "concluded",
        "comment",
        "comments",
        "commented",
        "remark",
        "remarks",
        "remarked",
        "shared",
        "stress",
        "stresses",
        "stressed",
        "suggest",
        "suggests",
        "suggested",
        "announce",
        "announces",
        "announced",
        "admit",
        "admits",
        "admitted",
        "admitting",
        "concede",
        "concedes",
        "conceded",
        "maintain",
        "maintains",
        "maintained",
        "recall",
        "recalls",
        "recalled",
        "recalling",
        "predict",
        "predicts",
        "predicted",
        "caution",
        "cautioned",
        "complain",
        "complains",
        "complained",
        "vow",
        "vows",
        "vowed",
        "promise",
        "promises",
        "promised",
        "observe",
        "observed",
        "confirm",
        "confirms",
        "confirmed",
        "deny",
        "denies",
        "denied",
        "emphasise",
        "emphasised",
        "emphasize",
        "emphasizes",
        "emphasized",
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "joke",
        "jokes",
        "joked",
        "quip",
        "quipped",
        "urge",
        "urges",
        "urged",
        "demand",
        "demands",
        "demanded",
        "accuse",
        "accuses",
        "accused",
        "accusing",
        "describe",
        "describes",
        "described",
        "describing",
        "call",
        "calls",
        "called",
        "calling",
        "brand",
        "branded",
        "label",
        "labelled",
        "labeled",
        "term",
        "termed",
        "dub",
        "dubbed",
        "read",
        "reads",
        "testify",
        "testified",
        "lament",
        "lamented",
        "boast",
        "boasted",
        "exclaim",
        "exclaimed",
        "shout",
        "shouted",
        "question",
        "questioned",
        "wonder",
        "wondered",
        "answer",
        "answered",
        "counter",
        "countered",
        "retort",
        "retorted",
        "object",
        "objected",
        "agree",
        "agreed",
        "disagree",
        "disagreed",
        "think",
        "thinks",
        "report",
        "reports",
        "reported",
        "thank",
        "thanked",
        "apologise",
        "apologised",
        "apologize",
        "apologized",
        "found",
        "finds",
    ]
)
#: Verbs that say how the words were given when the verb itself reports nothing.
INTRO_VERBS = frozenset({"sounded", "appeared", "seemed"})
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "rev",
        "hon",
        "sen",
        "rep",
        "gen",
        "col",
        "lt",
        "capt",
        "sgt",
        "maj",
        "adm",
        "det",
        "gov",
        "insp",
        "supt",
        "cpl",
        "pvt",
        "fr",
        "lord",
        "lady",
    ]
)
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "senator",
        "representative",
        "ambassador",
        "chancellor",
        "secretary",
        "governor",
        "mayor",
        "general",
        "admiral",
        "judge",
        "justice",
        "commissioner",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "king",
        "queen",
        "prince",
        "princess",
        "superintendent",
        "chief",
        "detective",
        "sergeant",
        "officer",
        "lieutenant",
        "captain",
        "coach",
        "manager",
        "professor",
        "doctor",
        "pope",
        "cardinal",
        "bishop",
        "sheriff",
        "deputy",
        "acting",
        "former",
        "foreign",
        "defence",
        "defense",
        "finance",
        "interior",
        "health",
        "state",
        "first",
        "lady",
        "premier",
        "leader",
        "executive",
        "ceo",
        "cfo",
        "head",
        "counsel",
        "attorney",
    ]
)
PERSON_NOUNS = frozenset(
    [
        "person",
        "agent",
        "juror",
        "fan",
        "parent",
        "voter",
        "passenger",
        "customer",
        "survivor",
        "relative",
        "colleague",
        "insider",
        "observer",
        "critic",
        "supporter",
        "protester",
        "protestor",
        "employee",
        "staffer",
        "lecturer",
        "researcher",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "coach",
        "manager",
        "minister",
        "president",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "chief",
        "executive",
        "officer",
        "official",
        "lawyer",
        "attorney",
        "judge",
        "prosecutor",
        "senator",
        "mayor",
        "governor",
        "director",
        "driver",
        "player",
        "striker",
        "scientist",
        "researcher",
        "professor",
        "analyst",
        "resident",
        "witness",
        "head",
        "secretary",
        "ambassador",
        "envoy",
        "superintendent",
        "teacher",
        "student",
        "doctor",
        "author",
        "commander",
        "general",
        "captain",
        "founder",
        "owner",
        "economist",
        "expert",
        "activist",
        "farmer",
        "worker",
        "victim",
        "woman",
        "man",
        "premier",
        "chancellor",
        "diplomat",
        "aide",
        "adviser",
        "advisor",
        "investigator",
        "detective",
        "sheriff",
        "editor",
        "journalist",
        "reporter",
        "correspondent",
        "curator",
        "engineer",
        "historian",
        "campaigner",
        "candidate",
        "lawmaker",
        "legislator",
        "politician",
        "banker",
        "trader",
        "investor",
        "owner",
        "landlord",
        "tenant",
        "father",
        "mother",
        "son",
        "daughter",
        "wife",
        "husband",
        "neighbour",
        "neighbor",
        "pilot",
        "nurse",
        "surgeon",
        "physician",
        "officer",
        "boss",
        "midfielder",
        "defender",
        "goalkeeper",
        "athlete",
        "champion",
        "winner",
        "entomologist",
        "biologist",
        "astronomer",
        "physicist",
        "chemist",
        "ecologist",
        "commissioner",
        "administrator",
        "representative",
        "master",
        "harbourmaster",
        "fisherman",
        "fisherwoman",
        "chef",
        "shopkeeper",
        "mechanic",
        "firefighter",
        "paramedic",
        "soldier",
        "colonel",
    ]
)
ORGANISATION_NOUNS = frozenset(
    [
        "ministry",
        "company",
        "firm",
        "agency",
        "government",
        "police",
        "office",
        "council",
        "committee",
        "court",
        "board",
        "embassy",
        "army",
        "military",
        "party",
        "union",
        "bank",
        "group",
        "organisation",
        "organization",
        "university",
        "institute",
        "newspaper",
        "team",
        "club",
        "federation",
        "authority",
        "service",
        "commission",
        "administration",
        "presidency",
        "kremlin",
        "department",
        "corporation",
        "bureau",
        "regime",
        "cabinet",
        "parliament",
        "senate",
        "congress",
        "assembly",
        "secretariat",
        "foundation",
        "charity",
        "airline",
        "operator",
        "manufacturer",
        "carrier",
        "maker",
        "retailer",
        "insurer",
        "regulator",
        "watchdog",
        "prosecutors'",
        "network",
        "channel",
        "broadcaster",
        "paper",
        "league",
        "association",
        "school",
        "district",
        "hospital",
        "centre",
        "center",
        "laboratory",
        "lab",
        "museum",
    ]
)
STATEMENT_NOUNS = frozenset(
    [
        "statement",
        "release",
        "letter",
        "post",
        "report",
        "announcement",
        "communique",
        "communiqué",
        "tweet",
        "filing",
        "document",
        "notice",
        "bulletin",
        "memo",
        "study",
        "review",
    ]
)
GENERIC_PLURALS = frozenset(
    [
        "officials",
        "authorities",
        "residents",
        "experts",
        "analysts",
        "sources",
        "critics",
        "reviewers",
        "lawmakers",
        "prosecutors",
        "investigators",
        "witnesses",
        "people",
        "observers",
        "diplomats",
        "aides",
        "scientists",
        "researchers",
        "doctors",
        "police",
        "officers",
        "neighbours",
        "neighbors",
        "locals",
        "fans",
        "supporters",
        "parents",
        "students",
        "workers",
        "organisers",
        "organizers",
        "campaigners",
        "activists",
        "economists",
    ]
)
_VAGUE_DETERMINERS = frozenset({"a", "an", "one", "some", "several", "many", "another", "two"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"it", "they", "them"})
#: "another said", "someone shouted": a speaker the text leaves unnamed on purpose.
_INDEFINITE_SPEAKERS = frozenset({"another", "someone", "somebody", "one"})
_HEAD_OF_STATE = frozenset({"president", "king", "queen", "premier", "monarch", "emir", "prime"})
#: Words that end a role, not a name: "Information Minister", "TMC MP", "County Commissioner".
ROLE_HEADS = (
    TITLE_WORDS
    | {
        "mp", "mps", "mep", "mla", "councillor", "councilman", "councilwoman", "official",
        "lawyer", "prosecutor", "envoy", "commander", "diplomat", "aide", "adviser", "advisor",
        "administrator", "editor", "founder", "analyst", "economist", "researcher", "scientist",
        "lawmaker", "spokesperson", "chairperson", "treasurer", "trustee", "principal",
    }
) - {
    "state", "first", "foreign", "defence", "defense", "finance", "interior", "health", "acting",
    "former", "vice", "lady",
}  # fmt: skip
#: "the company said" may point to any company named before; "the union" only to a union.
_GENERIC_ORGANISATIONS = frozenset(
    {
        "company",
        "firm",
        "group",
        "business",
        "organisation",
        "organization",
        "agency",
        "club",
        "team",
    }
)
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
#: "The company" is never a parliament, a ministry or a court named before it.
_COMMERCIAL = frozenset({"company", "firm", "business"})
_PUBLIC_BODY_WORDS = frozenset(
    {
        "parliament", "ministry", "government", "council", "court", "police", "department",
        "senate", "congress", "assembly", "commission", "embassy", "cabinet", "union", "party",
    }
)  # fmt: skip


def is_person_noun(word: str) -> bool:
    """ "juror", "attorneys", "residents": a noun for people, singular or plural."""
    word = word.casefold()
    nouns = PERSON_NOUNS | ROLE_HEADS
    return word in nouns or (word.endswith("s") and (word[:-1] in nouns or word[:-2] in nouns))


def is_bare_role(name: str) -> bool:
    """ "President", "American Airlines Chairman", "TMC MP": a role standing where a name should."""
    words = name.split()
    return bool(words) and words[-1].casefold().rstrip(".") in ROLE_HEADS


def person_words(words: list[Token]) -> list[Token]:
    """A person's name with the first names the recogniser left out: "Amy Berman" of "Amy Berman
    Jackson" when it tagged only "Jackson"; a title, an acronym or an organisation ends it."""
    if not words:
        return words
    doc = words[0].doc
    index = words[0].i - 1
    found = list(words)
    while index >= 0:
        token = doc[index]
        if (
            token.tag_ not in {"NNP", "NNPS"}
            or not token.text[:1].isupper()
            or token.text.isupper()
            or (
                token.ent_type_ not in {"", "PERSON"}
                # "Uttam Babu Shrestha", where the recogniser took "Uttam" for a place
                and not (
                    token.ent_type_ == "GPE" and token.dep_ == "compound" and token.head in found
                )
            )
            or _word(token) in HONORIFICS
            or _word(token) in ROLE_HEADS
            or _word(token) in ORGANISATION_NOUNS
        ):
            break
        found.insert(0, token)
        index -= 1
    return found


def is_cue(token: Token) -> bool:
    """A reporting verb, or "according" in "according to"."""
    word = token.lower_
    if word in RUSSIAN_CUES:
        return True
    if word == "according":
        return any(child.lower_ == "to" for child in token.children)
    return word in CUE_VERBS and token.tag_.startswith("VB")


def _word(token: Token) -> str:
    return token.lower_.rstrip(".")


def clean_name(words: list[Token]) -> tuple[str, list[str]]:
    """Drop honorifics, titles and a trailing possessive from a name; return (name, titles).

    "Pender County Schools Superintendent Dr. Brad Breedlove" is Brad Breedlove: whatever stands
    before the last title or honorific is the role, not the name.
    """
    words = list(words)
    while words and (words[-1].tag_ == "POS" or words[-1].is_punct):
        words = words[:-1]
    cut = max(
        (i for i, t in enumerate(words[:-1]) if _word(t) in HONORIFICS or _word(t) in TITLE_WORDS),
        default=-1,
    )
    titles = [t.text for t in words[: cut + 1] if _word(t) not in HONORIFICS]
    words = words[cut + 1 :]
    text = " ".join(token.text for token in words)
    return re.sub(r"['’]s$", "", text).strip(), titles


@dataclass
class Mention:
    position: int
    paragraph: int
    name: str
    kind: str
    role: str | None = None
    #: Named as the subject of a clause: what a later "he" most likely points back to.
    subject: bool = True


@dataclass
class Mentions:
    """Names met outside quotations, in the order of the text."""

    people: list[Mention] = field(default_factory=list)
    organisations: list[Mention] = field(default_factory=list)
    descriptions: list[Mention] = field(default_factory=list)
    #: Who issued each statement named, where the statement is named.
    statements: list[Mention] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    _full: dict[str, list[Mention]] = field(default_factory=dict)
    _positions: dict[int, list[int]] = field(default_factory=dict)
    _known: set[str] = field(default_factory=set)
    _resolved: dict[str, list[Mention]] = field(default_factory=dict)

    def add(self, mention: Mention) -> None:
        target = {
            PERSON: self.people,
            ORGANISATION: self.organisations,
            VAGUE: self.descriptions,
        }[mention.kind]
        target.append(mention)
        if mention.kind == PERSON and " " in mention.name:
            parts = mention.name.casefold().split()
            while len(parts) > 2 and parts[-1] in _NAME_SUFFIXES:
                parts = parts[:-1]  # "John Crabb Jr." is "Crabb"
            for key in {parts[-1], parts[0]}:
                self._full.setdefault(key, []).append(mention)
        if mention.role and mention.name not in self.roles and mention.kind != VAGUE:
            self.roles[mention.name] = mention.role

    def learn(self, mention: Mention) -> None:
        """Remember a speaker found on the way: a name the recogniser had missed, and every
        speaker as the subject a later "he added" most likely points back to."""
        if mention.kind != PERSON or " " not in mention.name:
            return
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

    def sort(self) -> None:
        lists = (self.people, self.organisations, self.descriptions, self.statements)
        for items in lists:
            items.sort(key=lambda m: m.position)
        self._positions = {id(items): [m.position for m in items] for items in lists}
        self._known = {m.name for m in self.people}
        self._resolved.clear()

    def _back(self, items: list[Mention], position: int, limit: int = 200):
        """Mentions before `position`, nearest first; at most `limit`, so look-ups stay cheap."""
        if id(items) not in self._positions:
            self.sort()  # looked up while the names are still being gathered
        index = bisect.bisect_left(self._positions[id(items)], position)
        for i in range(index - 1, max(-1, index - 1 - limit), -1):
            yield items[i]

    def positions(self, items: list[Mention]) -> list[int]:
        if id(items) not in self._positions:
            self.sort()
        return self._positions[id(items)]

    def full_name(self, name: str, position: int) -> str:
        """ "Haslett" is the Rachel Haslett named before it (or, in a headline, after it)."""
        if " " in name:
            return name
        key = name.casefold()
        candidates = self._full.get(key, [])
        if not candidates:
            if key not in self._resolved:  # a close variant: "Kupchyna" for Kupcyna
                self._resolved[key] = [
                    mention
                    for part, mentions in self._full.items()
                    if len(part) > 3 and fuzz.ratio(part, key) >= 86
                    for mention in mentions
                ]
            candidates = self._resolved[key]
        if not candidates:
            return name
        earlier = [m for m in candidates if m.position <= position]
        return (earlier[-1] if earlier else min(candidates, key=lambda m: m.position)).name

    def last_person(self, position: int, paragraph: int) -> Mention | None:
        """The named person a pronoun points back to; an unnamed one only when nobody was named,
        or when somebody new came in since ("And one juror sent a message. … he said")."""
        newcomer = next(
            (
                m
                for m in self._back(self.descriptions, position, limit=1)
                if m.name.split()[0].casefold() in _VAGUE_DETERMINERS
                and paragraph - m.paragraph <= 1
            ),
            None,
        )
        nearest = None
        for mention in self._back(self.people, position):
            if newcomer is not None and mention.position < newcomer.position:
                return newcomer
            if paragraph - mention.paragraph > 4:
                break
            if mention.subject:
                return mention
            nearest = nearest or mention
        if nearest is not None:
            return nearest
        for mention in self._back(self.descriptions, position, limit=1):
            if paragraph - mention.paragraph <= 4:
                return mention
        return next(self._back(self.people, position, limit=1), None)

    def last_organisation(self, position: int, head: str | None = None) -> Mention | None:
        """The organisation "it" or "the company" points back to. "The union" or "the ministry"
        must name one of that kind: an airline named before is not "the union"."""
        first = None
        for mention in self._back(self.organisations, position, limit=50):
            if head is None or head in mention.name.casefold():
                return mention
            if head in _COMMERCIAL and _PUBLIC_BODY_WORDS & set(mention.name.casefold().split()):
                continue
            first = first or mention
        return first if head is None or head in _GENERIC_ORGANISATIONS else None

    def described(self, head: str, position: int, paragraph: int) -> tuple[Mention | None, bool]:
        """The person "the spokesman" or "the head of state" points to; True when a role matched."""
        words = {head} | (_HEAD_OF_STATE if head in {"head", "state"} else set())
        recent = subject = None
        for mention in self._back(self.people, position):
            role = (self.roles.get(mention.name) or "").casefold()
            if any(word in role.split() for word in words):
                return mention, True
            if paragraph - mention.paragraph <= 3:
                recent = recent or mention
                if mention.subject:  # "the tennis player" is who the story is about
                    subject = subject or mention
        return subject or recent, False


@dataclass
class Named:
    """What a noun phrase says about its speaker."""

    name: str | None
    kind: str
    role: str | None = None
    how: str = ""
    confidence: float = 0.9


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _phrase(head: Token) -> tuple[list[Token], list[Token]]:
    """The noun phrase of `head` (left modifiers, compounds) and its apposition or role phrase."""
    keep = {"compound", "amod", "det", "poss", "nmod", "nummod", "case", "quantmod", "punct"}
    core: list[Token] = []

    def walk(token: Token) -> None:
        for child in token.lefts:
            if child.dep_ in keep:
                walk(child)
        core.append(token)
        for child in token.rights:
            if child.dep_ in {"compound", "case"} or (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and token.lower_ in {"head", "chief", "secretary", "minister", "ministry"}
            ):
                for grandchild in child.subtree:
                    core.append(grandchild)

    walk(head)
    core = sorted(set(core), key=lambda t: t.i)
    while core and (core[0].is_punct or (core[0].dep_ == "det" and core[0].lower_ == "the")):
        core = core[1:]
    while core and core[-1].is_punct:
        core = core[:-1]
    extra: list[Token] = []
    for child in head.rights:
        if child.dep_ == "appos" or (
            child.dep_ == "prep" and child.lower_ in {"of", "for", "with", "at", "from"}
        ):
            if child.dep_ == "prep" and child in core:
                continue
            extra = list(child.subtree)
            break
    return core, extra


def _entity_in(tokens: list[Token], labels: tuple[str, ...]) -> Span | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    for label in labels:
        for ent in doc.ents:
            if ent.label_ == label and ent.start >= first and ent.end - 1 <= last:
                return ent
    return None


def _role_text(tokens: list[Token]) -> str | None:
    words = [t for t in tokens if not (t.dep_ == "det" and t.lower_ in {"a", "an", "the"})]
    words = [t for t in words if _word(t) not in HONORIFICS]
    text = _span_text(words).strip(" ,") if words else ""
    return text or None


_PROPER = {"NNP", "NNPS"}
_PLACES = {"GPE", "LOC", "FAC", "NORP"}


def _is_proper(token: Token) -> bool:
    return token.tag_ in _PROPER


def _name_token(head: Token) -> Token | None:
    """The proper noun that names the speaker: the head itself, or "Chief of Science Shannon Bennett"
    joined to "virologist", or "Luis Ortega" in "the mayor, Luis Ortega" and in "Jeff Davis
    County Commissioner, Larry Francell"."""
    beside = [c for c in head.rights if c.dep_ in {"conj", "appos"} and _is_proper(c)]
    # "President and Chief Executive Officer, Steve Theroux": the person, not the second title.
    named_beside = next(
        (c for c in beside if c.ent_type_ == "PERSON"), beside[0] if beside else None
    )
    if _is_proper(head) and head.lower_ not in ORGANISATION_NOUNS:
        if named_beside is not None and _word(head) in ROLE_HEADS:
            return named_beside
        return head
    return named_beside


def _name_words(token: Token) -> list[Token]:
    """The person entity holding `token`, or else the run of proper nouns that ends with it."""
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ == "PERSON":
            return person_words(list(ent))
    words = [token]
    index = token.i - 1
    while (
        index >= 0
        and _is_proper(doc[index])
        and doc[index].head.i in {w.i for w in words} | {token.i}
    ):
        words.insert(0, doc[index])
        index -= 1
    return words


def _entity_label(token: Token) -> str:
    return token.ent_type_


def analyse(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """Who the noun phrase headed by `head` names; None when it cannot be a speaker."""
    position = head.idx + offset
    word = head.lower_
    if head.tag_ in {"PRP", "PRP$"}:
        return _pronoun(head, mentions, paragraph, position)
    if word in _INDEFINITE_SPEAKERS and head.dep_.startswith("nsubj"):
        return Named(word, VAGUE, how="nobody named", confidence=0.6)
    core, extra = _phrase(head)
    if word in STATEMENT_NOUNS:
        return _statement(head, core, mentions, paragraph, offset)
    named = _named(head, core, extra, mentions, paragraph, position)
    if named is not None:
        return named
    return _described(head, core, extra, mentions, paragraph, position)


def _pronoun(head: Token, mentions: Mentions, paragraph: int, position: int) -> Named | None:
    word = head.lower_
    if word in _PERSON_PRONOUNS:
        found = mentions.last_person(position, paragraph)
        if found is None:
            return Named(
                head.text, VAGUE, how=f"“{head.text}” points to nobody named", confidence=0.4
            )
        name = mentions.full_name(found.name, position) if found.kind == PERSON else found.name
        return Named(
            name,
            found.kind,
            mentions.roles.get(name),
            how=f"“{head.text}” resolved to {name}, named before",
            confidence=0.75 if found.kind == PERSON else 0.5,
        )
    if word in _GROUP_PRONOUNS:
        found = mentions.last_organisation(position)
        if found is not None and word == "it":
            return Named(
                found.name, ORGANISATION, how=f"“it” resolved to {found.name}", confidence=0.6
            )
        return Named(head.text, VAGUE, how=f"“{head.text}” names nobody", confidence=0.4)
    return None


def _named(
    head: Token,
    core: list[Token],
    extra: list[Token],
    mentions: Mentions,
    paragraph: int,
    position: int,
) -> Named | None:
    """A speaker the phrase names: a person, an organisation, or a country speaking for itself."""
    token = _name_token(head)
    person = None
    if token is None:
        person = _entity_in(core, ("PERSON",))
        token = person.root if person is not None else None
    if token is None:
        organisation = _entity_in(core, ("ORG",))
        if organisation is not None and (
            head.lower_ in ORGANISATION_NOUNS or organisation.root == head
        ):
            text = _span_text(core) if head.lower_ in ORGANISATION_NOUNS else organisation.text
            return Named(_no_article(text), ORGANISATION, how="organisation named", confidence=0.85)
        return None
    words = _name_words(token)
    name, titles = clean_name(words)
    if not name:
        return None
    full = mentions.full_name(name, position)
    label = _entity_label(token)
    known_person = full != name or any(m.name == name for m in mentions.people)
    if not known_person and is_bare_role(name):
        role = " ".join(t.text for t in words)
        return role_only(role, mentions, paragraph, position)
    if (
        label == "ORG" or (head.lower_ in ORGANISATION_NOUNS and token == head)
    ) and not known_person:
        whole = getattr(_entity_in(core, ("ORG",)), "text", name)  # "General Motors", whole
        text = _span_text(core) if head.lower_ in ORGANISATION_NOUNS else whole
        return Named(_no_article(text), ORGANISATION, how="organisation named", confidence=0.85)
    first = words[0].i
    before = [t for t in core if t.i < first and t not in words]
    described_as_person = (
        any(t.lower_ in PERSON_NOUNS for t in before) or head.lower_ in PERSON_NOUNS
    )
    if (
        label == "NORP"
        and token == head
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    ):
        # "the Texas Republican said": a person described by party or nation, named before.
        return role_only(_span_text(core), mentions, paragraph, position)
    if label in _PLACES and not known_person and not described_as_person:
        if head.dep_.startswith("nsubj") and token == head and len(core) <= 3:
            return Named(
                _no_article(_span_text(core)),
                ORGANISATION,
                how="a country speaks through its government",
                confidence=0.7,
            )
        return None  # a place is never a speaker
    if name.isupper() and len(name) <= 5 and " " not in name:
        return None  # an acronym, not a person
    role = _role_text(before)
    if titles and not role:
        role = " ".join(titles)
    if token != head:  # "virologist and Chief of Science Shannon Bennett"
        role = ", ".join(
            filter(
                None,
                [
                    role,
                    _role_text(
                        [
                            t
                            for t in head.doc[core[0].i : first]
                            if t not in words and t.dep_ != "cc"
                        ]
                    ),
                ],
            )
        )
    if extra and not (extra[0] == token or token in extra):
        role = ", ".join(filter(None, [role, _span_text(extra).strip(" ,")]))
    if role:  # "judge, judge": a role found twice over is said once
        role = ", ".join(dict.fromkeys(part.strip() for part in role.split(",") if part.strip()))
    how = "named" if full == name else f"“{name}” is {full}, named in full elsewhere"
    return Named(
        full,
        PERSON,
        role or mentions.roles.get(full),
        how=how,
        confidence=0.9 if full == name else 0.85,
    )


def role_only(role: str, mentions: Mentions, paragraph: int, position: int) -> Named:
    """ "the TMC MP said", "President said": the person named with that role, or named just before."""
    found, matched = mentions.described(
        role.split()[-1].casefold().rstrip("."), position, paragraph
    )
    if found is not None and found.kind == PERSON and (matched or paragraph - found.paragraph <= 1):
        name = mentions.full_name(found.name, position)
        return Named(
            name,
            PERSON,
            mentions.roles.get(name) or role,
            how=f"“{role}” resolved to {name}" + ("" if matched else ", named just before"),
            confidence=0.7 if matched else 0.55,
        )
    return Named(role, VAGUE, how=f"“{role}” is a role, and nobody is named for it", confidence=0.5)


def _no_article(text: str) -> str:
    """ "the ministry" is "ministry"; "Britain’s" is "Britain" (a possessive is not a name)."""
    return re.sub(r"\s*['’]s?$", "", re.sub(r"^[Tt]he\s+", "", text))


def _described(
    head: Token,
    core: list[Token],
    extra: list[Token],
    mentions: Mentions,
    paragraph: int,
    position: int,
) -> Named | None:
    """No name: "the company", "the head of state", "officials", "a resident"."""
    word = head.lower_
    determiners = {t.lower_ for t in core if t.dep_ in {"det", "nummod"}}
    doc = head.doc
    definite = (
        "the" in {t.lower_ for t in doc[max(0, core[0].i - 1) : head.i]}
        or any(t.dep_ == "poss" for t in core)
        or any(
            c.dep_ in {"det", "poss"} and c.lower_ in {"the", "his", "her", "its", "their"}
            for c in head.children
        )
    )
    plural = head.tag_ in {"NNS", "NNPS"}
    phrase = _span_text(core)
    before = doc[core[0].i - 2] if core[0].i >= 2 and doc[core[0].i - 1].text == "," else None
    if before is not None and before.ent_type_ == "PERSON" and is_person_noun(word):
        # "David Bennett, lead author of a paper on the findings, said": the name before the role.
        words = _name_words(before)
        name, _titles = clean_name(words)
        if name and not is_bare_role(name):
            full = mentions.full_name(name, position)
            role = ", ".join(filter(None, [phrase, _span_text(extra).strip(" ,")]))
            return Named(
                full, PERSON, role, how="named before the role set beside it", confidence=0.8
            )
    if word in ORGANISATION_NOUNS:
        if any(t.ent_type_ in {"GPE", "NORP", "ORG"} or _is_proper(t) for t in core if t != head):
            return Named(
                _no_article(phrase), ORGANISATION, how="organisation named", confidence=0.8
            )
        if determiners & _VAGUE_DETERMINERS or not definite:
            return Named(phrase, VAGUE, how="no organisation named", confidence=0.6)
        found = mentions.last_organisation(position, word)
        if found is not None:
            return Named(
                found.name,
                ORGANISATION,
                how=f"“the {phrase}” resolved to {found.name}",
                confidence=0.6,
            )
        return Named(phrase, VAGUE, how="no organisation named", confidence=0.5)
    if is_person_noun(word) or word in GENERIC_PLURALS:
        if plural or word in GENERIC_PLURALS or determiners & _VAGUE_DETERMINERS or not definite:
            text = phrase + (", " + _span_text(extra) if extra else "")
            return Named(text, VAGUE, how="nobody named", confidence=0.6)
        found, matched = mentions.described(word, position, paragraph)
        if found is not None:
            name = mentions.full_name(found.name, position)
            return Named(
                name,
                PERSON,
                mentions.roles.get(name) or phrase,
                how=f"“the {phrase}” resolved to {name}"
                + ("" if matched else ", the last person named"),
                confidence=0.7 if matched else 0.55,
            )
        return Named(phrase, VAGUE, how="nobody named", confidence=0.6)
    return None


def _statement(
    head: Token, core: list[Token], mentions: Mentions, paragraph: int, offset: int
) -> Named:
    """ "a statement from the ministry" speaks for the ministry; "a statement" for nobody named."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            for issuer in child.children:
                if issuer.dep_ == "pobj":
                    named = analyse(issuer, mentions, paragraph, offset)
                    if named is not None and named.kind != VAGUE:
                        named.how = f"a {head.lower_} from {named.name}"
                        return named
        if child.dep_ == "poss" or (child.dep_ == "compound" and _is_proper(child)):
            named = analyse(child, mentions, paragraph, offset)
            if named is not None and named.kind != VAGUE:
                named.how = f"{named.name}'s {head.lower_}"
                return named
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)
    if definite:
        issued = next(mentions._back(mentions.statements, head.idx + offset, limit=1), None)
        if issued is not None and paragraph - issued.paragraph <= 6:
            return Named(
                issued.name,
                issued.kind,
                how=f"“the {head.lower_}” is the one {issued.name} issued, named before",
                confidence=0.6,
            )
        found = mentions.last_organisation(head.idx + offset)
        # Only an organisation that acted (a subject) issues statements: not "Brexit" in
        # "Britain’s Brexit secretary said".
        if found is not None and found.subject and paragraph - found.paragraph <= 1:
            return Named(
                found.name,
                ORGANISATION,
                how=f"“the {head.lower_}” is the one {found.name} issued, named just before",
                confidence=0.55,
            )
    return Named(
        _span_text(core), VAGUE, how=f"a {head.lower_} with no issuer named", confidence=0.6
    )


def entity_mentions(doc, offset: int, paragraph: int, inside_quotes) -> list[Mention]:
    """Every person and organisation named in the paragraph, outside its quotations."""
    found = []
    parsed = doc.has_annotation("DEP")
    # Unparsed, the first person named is taken for the subject: "Serena Williams has done it
    # again, beating Lucie Safarova" is about Williams.
    first_person = next((e for e in doc.ents if e.label_ == "PERSON"), None)
    for ent in doc.ents:
        if inside_quotes(ent.start_char + offset):
            continue
        root = ent.root
        # "the judge, Sidney H. Stein, said": a name in apposition to the subject is the subject.
        subject = (
            (not parsed and ent == first_person)
            or root.dep_ in {"nsubj", "nsubjpass"}
            or (root.dep_ in {"appos", "conj"} and root.head.dep_ in {"nsubj", "nsubjpass"})
        )
        if ent.label_ == "PERSON":
            tokens = person_words(list(ent)) if parsed else list(ent)
            name, titles = clean_name(tokens)
            if not name or (name.isupper() and len(name) <= 5) or is_bare_role(name):
                continue
            role = None
            if parsed:
                first = tokens[0].i
                before = [
                    t
                    for t in root.lefts
                    if t.i < first and t.dep_ in {"compound", "amod", "poss", "nmod"}
                ]
                if before:
                    words = sorted({w for t in before for w in t.subtree}, key=lambda t: t.i)
                    role = _role_text(words)
                role = role or _apposed_role(ent)
            role = role or (" ".join(titles) if titles else None)
            start = tokens[0].idx + offset
            found.append(Mention(start, paragraph, name, PERSON, role, subject))
        elif ent.label_ == "ORG":
            name = _no_article(ent.text)
            found.append(
                Mention(ent.start_char + offset, paragraph, name, ORGANISATION, None, subject)
            )
    return found


def _apposed_role(ent: Span) -> str | None:
    """ "The minister of information, Mohammed Idris," and "Alam, chief financial officer at
    Square Pharma": the role set beside a name."""
    root = ent.root
    if root.dep_ == "appos" and root.head.tag_ in {"NN", "NNS"} and root.head.i < ent.start:
        words = [t for t in root.head.subtree if t.i < ent.start and not t.is_punct]
        return _role_text(words)
    for child in root.rights:
        if child.dep_ == "appos" and child.tag_ in {"NN", "NNS"}:
            words = [
                t
                for t in child.subtree
                if not (t.is_punct and t.i in {child.left_edge.i, child.right_edge.i})
            ]
            return _role_text(words)
    return None
