"""The speaker a phrase describes without naming: "the company", "the spokesman", "officials"."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.court_parties import on_another_side
from factdb.intake.cues import is_cue
from factdb.intake.groups import (
    GENERIC_ORGANISATIONS,
    GENERIC_PLURALS,
    KIN_GROUPS,
    ORGANISATION_NOUNS,
    VAGUE_DETERMINERS,
)
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mention, Mentions, Named
from factdb.intake.offices import OFFICES
from factdb.intake.phrases import (
    clean_name,
    is_proper,
    name_words,
    of_place,
    span_text,
    without_article,
)
from factdb.intake.roles import (
    HONORIFICS,
    RELATIVES,
    ROLE_HEADS,
    TITLE_WORDS,
    UNNAMED_BY_DESIGN,
    is_bare_role,
    is_person_noun,
    without_prefix,
)
from factdb.intake.same_unnamed import brought_in_before

#: Offices written as capitals, read as the words they stand for: "the PM" is "the prime
#: minister", a description, never a name.
ABBREVIATED_OFFICES = {"PM": ("minister", frozenset({"prime"}))}


def abbreviated_office(head: Token) -> bool:
    """ "the PM", "the PM's": an office written as capitals after "the", not somebody's name."""
    return head.text in ABBREVIATED_OFFICES and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children
    )


def described_speaker(
    head: Token,
    core: list[Token],
    extra: list[Token],
    mentions: Mentions,
    paragraph: int,
    position: int,
) -> Named | None:
    """No name: "the company", "the head of state", "officials", "a resident"."""
    word = ABBREVIATED_OFFICES.get(head.text, (head.lower_,))[0]
    named = _named_before_role(head, core, extra, mentions, position)
    if named is not None:
        return named
    if word in ORGANISATION_NOUNS:
        return _organisation_described(head, core, mentions, position, paragraph)
    if word in KIN_GROUPS:
        how = "a family speaks as one: nobody named"
        return Named(_with_extra(span_text(core), extra), VAGUE, how=how, confidence=0.6)
    if is_person_noun(word) or word in GENERIC_PLURALS or _somebody_new_speaks(head):
        return _person_described(head, core, extra, mentions, paragraph, position)
    return None


def _somebody_new_speaks(head: Token) -> bool:
    """ "a government source said", "an ally of the minister told": whatever the noun, one
    brought in with "a" as the subject of a verb of saying is somebody the text leaves
    unnamed (the word lists cannot hold every noun a reporter gives a speaker)."""
    return (
        head.tag_ == "NN"
        and head.dep_ == "nsubj"
        and is_cue(head.head)
        and any(c.dep_ in {"det", "nummod"} and c.lower_ in _NEW_SOMEBODY for c in head.children)
    )


#: Determiners that bring in somebody new ("some" is left out: "some evidence suggested").
_NEW_SOMEBODY = frozenset({"a", "an", "one", "another"})


def _named_before_role(
    head: Token, core: list[Token], extra: list[Token], mentions: Mentions, position: int
) -> Named | None:
    """ "David Bennett, lead author of a paper on the findings, said": the name before the role."""
    doc = head.doc
    before = doc[core[0].i - 2] if core[0].i >= 2 and doc[core[0].i - 1].text == "," else None
    if before is None or before.ent_type_ != "PERSON" or not is_person_noun(head.lower_):
        return None
    name, _titles = clean_name(name_words(before))
    if not name or is_bare_role(name):
        return None
    full = mentions.full_name(name, position)
    role = ", ".join(filter(None, [span_text(core), span_text(extra).strip(" ,")]))
    return Named(full, PERSON, role, how="named before the role set beside it", confidence=0.8)


def _definite(head: Token, core: list[Token]) -> bool:
    """ "the company", "its spokesman": one the reader already knows, not "a company"."""
    return (
        "the" in {t.lower_ for t in head.doc[max(0, core[0].i - 1) : head.i]}
        or any(t.dep_ == "poss" for t in core)
        or any(
            c.dep_ in {"det", "poss"} and c.lower_ in {"the", "his", "her", "its", "their"}
            for c in head.children
        )
    )


def _indefinite(head: Token, core: list[Token]) -> bool:
    """ "a company", "some officials", "one resident": nobody in particular."""
    determiners = {t.lower_ for t in core if t.dep_ in {"det", "nummod"}}
    return bool(determiners & VAGUE_DETERMINERS) or not _definite(head, core)


def _organisation_described(
    head: Token, core: list[Token], mentions: Mentions, position: int, paragraph: int
) -> Named:
    """ "the Kestrian ministry" names it; "the union" is the union named before, if any."""
    phrase = span_text(core)
    described = _body_described(head, core, mentions, position)
    if described is not None:
        return described
    if any(t.ent_type_ in {"GPE", "NORP", "ORG"} or is_proper(t) for t in core if t != head):
        place = of_place(head.doc, core[-1].i + 1) if core and core[-1] == head else None
        if place is not None:
            phrase = f"{phrase} of {place}"  # "the American Civil Liberties Union of Oklahoma"
        return Named(
            without_article(phrase), ORGANISATION, how="organisation named", confidence=0.8
        )
    if _indefinite(head, core):
        return Named(phrase, VAGUE, how="no organisation named", confidence=0.6)
    if head.lower_ in GENERIC_ORGANISATIONS:
        employer = mentions.employer_of_last_speaker(position, paragraph, head.lower_)
        if employer is not None:
            how = f"“the {phrase}” resolved to {employer.name}, whom the person just quoted is of"
            return Named(employer.name, ORGANISATION, how=how, confidence=0.6)
    found = mentions.last_organisation(position, head.lower_)
    for _ in range(3):
        if found is None or not _its_own_object(head, found.name):
            break
        # "The separatist group reminded Kilby Rights Watch": not the body it addresses
        found = mentions.last_organisation(found.position, head.lower_)
    if found is not None:
        return Named(
            found.name,
            ORGANISATION,
            how=f"“the {phrase}” resolved to {found.name}",
            confidence=0.6,
        )
    return Named(phrase, VAGUE, how="no organisation named", confidence=0.5)


def _its_own_object(head: Token, name: str) -> bool:
    """Whether the clause "the group" is the subject of names `name` as its object ("reminded
    Kilby Rights Watch", "told Kilby Rights Watch in a letter"): a subject is never its own
    object, so "the group" is some other body."""
    verb = head.head
    if not head.dep_.startswith("nsubj") or not verb.tag_.startswith("VB"):
        return False
    objects = [" ".join(t.text for t in _right_after(verb))]  # the parse may miss the object
    objects += [
        " ".join(t.text for t in _before_a_quotation(list(p.subtree)))
        for c in verb.children
        if c.dep_ in {"dobj", "dative", "prep"}
        for p in ([c] if c.dep_ != "prep" else c.children)
    ]
    wanted = name.casefold()
    return any(wanted in words.casefold() for words in objects)


def _before_a_quotation(words: list[Token]) -> list[Token]:
    """The words up to the first quotation mark: what is quoted names nobody's object."""
    return next((words[:i] for i, t in enumerate(words) if t.is_quote), words)


def _right_after(verb: Token) -> list[Token]:
    """The words right after a verb up to "that", a comma or a quotation mark: its object."""
    words = []
    for token in verb.doc[verb.i + 1 : min(verb.i + 9, verb.sent.end)]:
        if token.lower_ == "that" or token.is_punct or token.is_quote:
            break
        words.append(token)
    return words


def _body_described(
    head: Token, core: list[Token], mentions: Mentions, position: int
) -> Named | None:
    """ "the League Two club", "the British company": words that describe a body named before,
    not its name (a name writes its kind with a capital: "the Foreign Ministry")."""
    if head.text != head.lower_ or head.lower_ not in GENERIC_ORGANISATIONS:
        return None
    the = core[0].i > 0 and head.doc[core[0].i - 1].lower_ == "the" if core else False
    if not the or not any(is_proper(t) for t in core[:-1]):
        return None
    found = mentions.last_organisation(position, head.lower_)
    if found is None:
        return None
    how = f"“{span_text(core)}” describes {found.name}, named before"
    return Named(found.name, ORGANISATION, how=how, confidence=0.6)


def _person_described(
    head: Token,
    core: list[Token],
    extra: list[Token],
    mentions: Mentions,
    paragraph: int,
    position: int,
) -> Named:
    """ "officials" and "a resident" are nobody named; "the spokesman" is who has that role."""
    word, spelled = ABBREVIATED_OFFICES.get(head.text, (head.lower_, frozenset()))
    phrase = span_text(core)
    plural = head.tag_ in {"NNS", "NNPS"}
    if word in RELATIVES and not plural:
        return _relative(head, core, mentions, paragraph, position)
    if plural or word in GENERIC_PLURALS or _indefinite(head, core):
        named_next = _named_in_lede(word, plural, mentions, paragraph, position)
        if named_next is not None:
            described = without_article(phrase)
            return _resolved(named_next, described, ", named next", mentions, position, 0.6)
        return Named(_with_extra(phrase, extra), VAGUE, how="nobody named", confidence=0.6)
    team, places = team_named(head, core)
    kinds = _kinds(head, core) | spelled
    nations = nations_named(head, core)
    found, matched = mentions.described(word, position, paragraph, team, places | nations, kinds)
    if matched:
        return _resolved(found, phrase, "", mentions, position, confidence=0.7)
    unnamed = _somebody_unnamed(head, phrase, extra, found, team, places)
    if unnamed is not None:
        return unnamed
    same = brought_in_before(mentions, word, phrase, position, paragraph, found)
    if same is not None:  # "the official" after "a harbour board official": that official
        return same
    last = ", the last person named"
    if found is not None and mentions.ties.get(found.name, set()) & team:
        last = ", whom the article ties to it"
    if without_prefix(word) in OFFICES:
        # "The judge said" with no judge named: not the defendant named before, but perhaps
        # the person just quoted, or named just after, whose office the article gave only
        # as "the spokesman".
        found, last = mentions.office_holder(word, position, paragraph)
    if found is not None and on_another_side(word, found.name, mentions, position):
        how = f"nobody named; {found.name} has another place in court"
        return Named(_with_extra(phrase, extra), VAGUE, how=how, confidence=0.6)
    return _resolved(found, phrase, last, mentions, position, confidence=0.55)


def _kinds(head: Token, core: list[Token]) -> frozenset[str]:
    """The words in lower case before the head that say which kind of office it is: "foreign"
    of "the foreign minister", "prime" of "the prime minister"."""
    return frozenset(
        t.lower_
        for t in core
        if t.i < head.i and t.dep_ in {"amod", "compound"} and t.text.islower() and t.is_alpha
    )


def _named_in_lede(
    word: str, plural: bool, mentions: Mentions, paragraph: int, position: int
) -> Mention | None:
    """ "A federal judge on Sunday struck down the rule, saying …" opening a court report is
    the judge the next paragraphs name ("Chief Judge Beryl Howell … wrote"); only in the first
    two paragraphs from the lede (`ledes`), and only for an office a court or a body gives."""
    if plural or paragraph - mentions.lede() > 1 or word not in OFFICES:
        return None
    return mentions.named_next(word, position, paragraph)


def _relative(
    head: Token, core: list[Token], mentions: Mentions, paragraph: int, position: int
) -> Named:
    """ "his mother", "Brenner's mother", "a cousin of the victim", "the mother of Ana Ruiz":
    somebody's relative, never the person they are related to; a person only where the
    article gave someone that relation ("his mother, Jane Doe,")."""
    team, places = team_named(head, core)
    found, matched = mentions.described(head.lower_, position, paragraph, team, places)
    somebody = {t.lower_ for t in core if t.dep_ in {"det", "nummod"}} & VAGUE_DETERMINERS
    if (
        found is not None
        and matched
        and not somebody  # "one neighbour said": any of them, not the neighbour named before
        and head.lower_ in mentions.role_words(found.name)
        and not {w.casefold() for w in found.name.split()} & team
    ):
        return _resolved(found, span_text(core), "", mentions, position, confidence=0.7)
    words = list(core)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            # "a cousin of the victim", without a clause or an age set off after it
            words += [t for t in child.subtree if t.i < _set_off(child)]
    words.sort(key=lambda t: t.i)
    phrase = span_text(words).strip(" ,") or span_text(core)
    return Named(phrase, VAGUE, how=f"somebody's {head.lower_}, not named", confidence=0.6)


def _set_off(token: Token) -> int:
    """Where the words after `token` are set off by a comma or a bracket: the phrase ends there."""
    return next(
        (t.i for t in token.doc[token.i : token.right_edge.i + 1] if t.text in {",", "(", ";"}),
        token.right_edge.i + 1,
    )


def _somebody_unnamed(
    head: Token,
    phrase: str,
    extra: list[Token],
    found: Mention | None,
    team: frozenset[str],
    places: frozenset[str],
) -> Named | None:
    """A description no role matched that is somebody's, not the person named last: "the
    Rovers coach" with nobody tied to Rovers, "Brooks's lawyer", "his lawyer"."""
    if found is None and (team or places):
        # "the Rovers coach", "Brandt's lawyer": the one with that role is another team's.
        return Named(
            _with_extra(phrase, extra),
            VAGUE,
            how=f"nobody named is tied to {phrase}",
            confidence=0.5,
        )
    unnamed = head.lower_ in UNNAMED_BY_DESIGN  # "the source": never the person named last
    if unnamed or (head.lower_ not in OFFICES and owned_by_person(head)):
        # "Brooks's lawyer", "his lawyer": somebody's, so not the Brooks named before.
        how = "a source left unnamed" if unnamed else f"somebody's {head.lower_}, not named"
        return Named(_with_extra(phrase, extra), VAGUE, how=how, confidence=0.6)
    return None


def _resolved(
    found: Mention | None,
    phrase: str,
    last: str,
    mentions: Mentions,
    position: int,
    confidence: float,
) -> Named:
    """The person a description points to, by the full name the article gives them and the
    role it gave them, saying how they were found (`last`); nobody named if none was."""
    if found is None:
        return Named(phrase, VAGUE, how="nobody named", confidence=0.6)
    name = mentions.full_name(found.name, position)
    return Named(
        name,
        PERSON,
        mentions.roles.get(name) or phrase,
        how=f"“the {phrase}” resolved to {name}{last}",
        confidence=confidence,
    )


def _with_extra(phrase: str, extra: list[Token]) -> str:
    """A vague speaker as shown: the description and what is set off after it ("a resident, 42")."""
    if not extra:
        return phrase
    # "a spokesman for the army" reads on; "a resident, 42" is set off
    joint = " " if extra[0].dep_ == "prep" and extra[0].i == extra[0].head.i + 1 else ", "
    return phrase + joint + span_text(extra)


def team_named(head: Token, core: list[Token]) -> tuple[frozenset[str], frozenset[str]]:
    """The team, body or person a description names before its head ("Rovers" of "the former
    Rovers coach", "Brandt" of "Brandt's lawyer"), and the places it names ("the Texas senator")."""
    team: set[str] = set()
    places: set[str] = set()
    for token in core:
        if token.i >= head.i or not is_proper(token) or not token.text[:1].isupper():
            continue
        word = token.lower_.rstrip(".")
        if word in HONORIFICS or word in TITLE_WORDS or word in ROLE_HEADS:
            continue
        if token.ent_type_ == "NORP":
            continue  # "the Kestrian minister": a nationality, not a team (`nations_named`)
        (places if token.ent_type_ in {"GPE", "LOC"} else team).add(word)
    return frozenset(team), frozenset(places)


def nations_named(head: Token, core: list[Token]) -> frozenset[str]:
    """The nationalities a description names before its head: "kestrian" in "the Kestrian
    skipper", "south" and "african" in "the South African captain". No team of its own, but
    a person the article ties to another country is not who it means; with nobody tied to it,
    the description is read as if it named none."""
    return frozenset(
        t.lower_ for t in core if t.i < head.i and t.ent_type_ == "NORP" and t.text[:1].isupper()
    )


def owned_by_person(head: Token) -> bool:
    """ "his lawyer", "Brooks's lawyer", "the club's chairman": a description of somebody a
    person or an organisation has, which the person named last seldom is."""
    return any(c.dep_ == "poss" for c in head.children)
