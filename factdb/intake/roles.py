"""Words that say what a person is, never who: honorifics, titles, and nouns for people.

A parser cannot learn these from its training data; they keep "Dr." and "Superintendent" out
of names and tell a role standing where a name should ("the TMC MP said").
"""

from __future__ import annotations

from spacy.tokens import Token

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
        "atty",
        "cmdr",
        "cdr",
        "brig",
        "spc",
        "pfc",
        "ofc",
        "cllr",
        "coun",  # "Coun Forrest said": a councillor, as British local papers write it
        "cr",  # "Cr Bartley said": a councillor, as Australian local papers write it
        "lord",
        "lady",
    ]
)
#: Honorifics that are no office: dropped from a role however long ("Dr. Lena Marsh").
SOCIAL_HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "hon", "lord", "lady"]
)
#: Ranks and titles written short with a full stop that the tokenizer would split off
#: ("Sgt." as "Sgt" "."), leaving the rank to stand for the name: "said Cpl. Dmitri Sokol".
ABBREVIATED_TITLES = (
    "Hon", "Col", "Lt", "Capt", "Sgt", "Maj", "Det", "Insp", "Supt", "Cpl", "Pvt", "Fr", "Atty",
    "Cmdr", "Cdr", "Brig", "Spc", "Pfc", "Ofc", "Engr", "Barr", "Smt", "Alh", "Rt", "Coun", "Cllr",
)  # fmt: skip
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
        "skipper",
        "coach",
        "manager",
        "professor",
        "doctor",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "sheriff",
        "deputy",
        "acting",
        "stand-in",  # "India stand-in captain Ana Rao": the team the role is of stands before
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
        "member",  # "Board Member Ana Ruiz", "Council Member …"
        # "Councillor Carter says" after "Mayor Brad Carter": a local paper's title for a
        # mayor or a member of the council, never part of the name
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "alderwoman",
    ]
)
#: Who plays in a side, as sports copy writes before a name: "veteran bowler Kemal Osei",
#: "Rovers winger Ivo Marsh" (the recogniser reads many such names as a team or a place).
SPORT_ROLES = frozenset(
    {"skipper", "bowler", "batter", "batsman", "batsmen", "keeper", "wicketkeeper",
     "wicket-keeper", "goalkeeper", "striker", "winger", "fly-half", "flyhalf", "scrum-half",
     "scrumhalf", "halfback", "fullback", "opener", "all-rounder", "allrounder", "spinner",
     "pacer", "seamer", "paceman", "midfielder", "defender", "umpire", "referee",
     # a player's position, as a report names him again: "the young openside had to face
     # questions, saying:"
     "flanker", "openside", "blindside", "full-back", "centre-back", "left-back", "right-back",
     "wing-back", "playmaker", "quarterback", "pitcher", "goalie", "netminder", "jockey"}
)  # fmt: skip
#: Roles written with a hyphen that the tokenizer keeps as one word ("stand-in" is no role,
#: but split it leaves "in" before the role that follows).
HYPHENATED_WORDS = frozenset(
    {*(w for w in SPORT_ROLES if "-" in w), "stand-in"}
)  # fmt: skip
#: Family and people close to someone, often quoted unnamed: "his mother", "a cousin of the victim".
RELATIVES = frozenset(
    {"mother", "father", "sister", "brother", "cousin", "aunt", "uncle", "grandmother",
     "grandfather", "grandson", "granddaughter", "son", "daughter", "wife", "husband", "niece",
     "nephew", "stepfather", "stepmother", "widow", "widower", "fiancée", "fiancee", "fiancé",
     "girlfriend", "boyfriend", "friend", "neighbour", "neighbor", "relative", "parent"}
)  # fmt: skip
PERSON_NOUNS = (
    frozenset(
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
            # people met in local news, quoted without a name
            *("villager", "shopper", "commuter", "fisherman", "fishermen", "bystander"),
            *("homeowner", "pensioner", "pupil", "demonstrator", "volunteer", "onlooker"),
            *("motorist", "cyclist", "pedestrian", "patient", "holidaymaker", "trader"),
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
            "barrister",
            "solicitor",
            "judge",
            "magistrate",
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
            *("presenter", "commentator", "pundit"),
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
            # the parties a court report quotes: "the defendant told the court"
            *("defendant", "accused", "suspect", "appellant", "complainant", "claimant"),
            *("plaintiff", "petitioner", "offender", "prisoner", "inmate"),
            "source",  # "the source was quoted as saying": somebody, never named
            # how sport reports name a player again: "the youngster said"
            *("youngster", "veteran", "teenager", "rookie", "debutant", "sprinter", "swimmer"),
            *("runner", "golfer", "boxer", "rider", "racer"),
        ]
    )
    | RELATIVES
    | SPORT_ROLES
)
#: People a report quotes on condition they stay unnamed: "the source" is never the person
#: named last.
UNNAMED_BY_DESIGN = frozenset({"source"})
HEAD_OF_STATE = frozenset({"president", "king", "queen", "premier", "monarch", "emir", "prime"})
#: Words that end a role, not a name: "Information Minister", "TMC MP", "County Commissioner".
ROLE_HEADS = (
    TITLE_WORDS
    | {
        "mp", "mps", "mep", "mla", "councillor", "councilor", "councilman", "councilwoman",
        "official",
        "lawyer", "prosecutor", "envoy", "commander", "diplomat", "aide", "adviser", "advisor",
        "administrator", "editor", "founder", "analyst", "economist", "researcher", "scientist",
        "lawmaker", "spokesperson", "chairperson", "treasurer", "trustee", "principal",
        "barrister", "solicitor", "magistrate",
    }
    | SPORT_ROLES
) - {
    "state", "first", "foreign", "defence", "defense", "finance", "interior", "health", "acting",
    "stand-in", "former", "vice", "lady",
}  # fmt: skip
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


#: Prefixes that make one role of another, written with a hyphen: a "co-founder" is a founder.
ROLE_PREFIXES = ("co-", "ex-", "vice-")


def without_prefix(word: str) -> str:
    """ "co-author" is "author" to the word lists; its text stays whole where it is a role."""
    for prefix in ROLE_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix) :]
    return word


def is_person_noun(word: str) -> bool:
    """ "juror", "attorneys", "residents", "co-founders": a noun for people, singular or plural."""
    word = without_prefix(word.casefold())
    nouns = PERSON_NOUNS | ROLE_HEADS
    return word in nouns or (word.endswith("s") and (word[:-1] in nouns or word[:-2] in nouns))


def is_bare_role(name: str) -> bool:
    """ "President", "American Airlines Chairman", "TMC MP": a role standing where a name should.

    "Pro Tem" of "Mayor Pro Tem" is the role's end, never a person's name.
    """
    words = name.split()
    if pro_tem([word.casefold().rstrip(".") for word in words]):
        return True
    return bool(words) and without_prefix(words[-1].casefold().rstrip(".")) in ROLE_HEADS


#: The words after a role that say it is held for the time being ("Mayor Pro Tem", "President
#: pro tempore"): part of the role, never of a name.
PRO_TEM = ("pro", ("tem", "tempore"))


def pro_tem(words: list[str]) -> bool:
    """Whether words (lower case, no full stop) open with "pro tem" or "pro tempore"."""
    return len(words) >= 2 and words[0] == PRO_TEM[0] and words[1] in PRO_TEM[1]


def bare_word(token: Token) -> str:
    """A word as the word lists hold it: lower case, no full stop ("Dr." is "dr")."""
    return without_prefix(token.lower_.rstrip("."))
