"""Who a noun phrase names: a person, an organisation, or nobody in particular.

The entry point of the speaker rules: a pronoun points back to a name met before (`mentions`),
a phrase with a name is read by `names`, one without by `descriptions`, and "a statement from
the ministry" speaks for whoever issued it.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.agencies import agency_speaker
from factdb.intake.appositions import PART_WORDS, apposed, one_of
from factdb.intake.descriptions import abbreviated_office, described_speaker
from factdb.intake.events import event_speaker
from factdb.intake.groups import (
    COURT_PAPERS,
    GROUP_PRONOUNS,
    INDEFINITE_SPEAKERS,
    ISSUING_VERBS,
    LAW_NOUNS,
    ORGANISATION_NOUNS,
    PAPERS,
    PERSON_PRONOUNS,
    REPORT_NOUNS,
    REPORTING_BODIES,
    STATEMENT_NOUNS,
)
from factdb.intake.institutions import institution
from factdb.intake.issuers import actor_in, phrase_issuers
from factdb.intake.joint import coordinated, is_pair_phrase, members, pair_named
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mention, Mentions, Named
from factdb.intake.names import named_speaker
from factdb.intake.phrases import is_proper, noun_phrase, span_text


def analyse(
    head: Token, mentions: Mentions, paragraph: int, offset: int, alone: bool = False
) -> Named | None:
    """Who the noun phrase headed by `head` names; None when it cannot be a speaker. Names
    joined by "and" speak jointly (`joint`), unless `alone` reads the one phrase only."""
    position = head.idx + offset
    word = head.lower_
    first = None if alone else _read_first(head, mentions, paragraph, offset)
    if first is not None:
        return first
    if word in PART_WORDS and (group := one_of(head, mentions, position)) is not None:
        return group
    if word in INDEFINITE_SPEAKERS and head.dep_.startswith("nsubj"):
        # "“…,” one said": the tagger calls "one" a pronoun, but it points back to nobody
        return Named(word, VAGUE, how="nobody named", confidence=0.6)
    if head.tag_ in {"PRP", "PRP$"}:
        return _pronoun(head, mentions, paragraph, position)
    core, extra = noun_phrase(head)
    if word in STATEMENT_NOUNS and not (is_proper(head) and head.ent_type_ == "ORG"):
        # "the Fraternal Order of Police", "the Harwick Review": a body's name, not a paper
        return _statement(head, core, mentions, paragraph, offset)
    if word in LAW_NOUNS and head.tag_ in {"NN", "NNP"}:
        # "The statute reads: “…”": the text's own words, not the last speaker's nor a group's
        # that argues over it; its issuer's where the phrase names one.
        named = _issuer_named(head, mentions, paragraph, offset)
        how = f"the {span_text(core)}'s own words"
        return named or Named(span_text(core), VAGUE, how=how, confidence=0.6)
    named = agency_speaker(core) or event_speaker(head, core)
    named = named or apposed(head, core, mentions, position)
    named = named or institution(head, core)
    named = named or named_speaker(head, core, extra, mentions, paragraph, position)
    if named is not None:
        return named
    return described_speaker(head, core, extra, mentions, paragraph, position)


def _read_first(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """What no reading of one name may take: names joined ("Ruiz and Brandt"), people spoken
    of together ("the couple"), an office in capitals ("the PM", never a name)."""
    position = head.idx + offset
    heads = members(head)
    if heads:
        named = coordinated(heads, lambda h: analyse(h, mentions, paragraph, offset, alone=True))
        if named is not None:
            return named
    if is_pair_phrase(head) and head.dep_.startswith("nsubj"):
        phrase = span_text(noun_phrase(head)[0])
        return pair_named(head, phrase, mentions, paragraph, position)
    if abbreviated_office(head):
        core, extra = noun_phrase(head)
        return described_speaker(head, core, extra, mentions, paragraph, position)
    return None


def _pronoun(head: Token, mentions: Mentions, paragraph: int, position: int) -> Named | None:
    """Who "he", "she" or "it" points back to; a pronoun for nobody named is vague."""
    word = head.lower_
    if word in PERSON_PRONOUNS:
        found = mentions.last_person(position, paragraph, word)
        if found is None:
            shaped = _person_shaped_organisation(mentions, position, paragraph)
            if shaped is not None:
                return Named(
                    shaped,
                    PERSON,
                    how=f"“{head.text}” resolved to {shaped}, a name read as an organisation's",
                    confidence=0.5,
                )
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
    if word in GROUP_PRONOUNS:
        found = mentions.last_organisation(position)
        if found is not None and word == "it":
            return Named(
                found.name, ORGANISATION, how=f"“it” resolved to {found.name}", confidence=0.6
            )
        return Named(head.text, VAGUE, how=f"“{head.text}” names nobody", confidence=0.4)
    return None


#: Words that end a company's name, never a person's.
_COMPANY_WORDS = frozenset(
    {"ltd", "inc", "corp", "plc", "llc", "co", "gmbh", "ag", "sa", "nv", "bv", "ab", "asa"}
)


def _person_shaped_organisation(mentions: Mentions, position: int, paragraph: int) -> str | None:
    """ "Ivo Kranjc", which the recogniser took for an organisation, just before "he said".

    Only a name of two or three capitalised words with no word for an organisation in it,
    in the same paragraph or the one before: "he" cannot be "Nordic Fisheries Ltd".
    """
    found = next(mentions.before(mentions.organisations, position, limit=1), None)
    if found is None or paragraph - found.paragraph > 1 or found.owner or found.recipient:
        return None
    return found.name if person_shaped(found.name) else None


def person_shaped(name: str) -> bool:
    """Whether a name could be a person's: two or three capitalised words, none an acronym or
    a word for an organisation ("Ivo Kranjc", not "Nordic Fisheries Ltd")."""
    words = name.split()
    return 2 <= len(words) <= 3 and not any(
        not w[:1].isupper()
        or w.isupper()
        or w.casefold().rstrip(".") in ORGANISATION_NOUNS | _COMPANY_WORDS
        for w in words
    )


def _statement(
    head: Token, core: list[Token], mentions: Mentions, paragraph: int, offset: int
) -> Named:
    """ "a statement from the ministry" speaks for the ministry; "a statement" for nobody named."""
    named = _issuer_named(head, mentions, paragraph, offset)
    if named is not None:
        return named
    definite = any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that"})
        or (c.dep_ == "poss" and c.lower_ in {"its", "their"})  # "Its report said"
        for c in head.children
    )
    if definite or _labels_quotation(head):
        named = _issuer_before(head, mentions, paragraph, offset)
        if named is not None:
            return named
    return Named(
        span_text(core), VAGUE, how=f"“{head.lower_}” with no issuer named", confidence=0.6
    )


def _labels_quotation(head: Token) -> bool:
    """ "Statement: “…”" opening a paragraph: the statement the article just spoke of."""
    doc = head.doc
    return head.i == 0 and head.i + 1 < len(doc) and doc[head.i + 1].text == ":"


def _issuer_named(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """The issuer the phrase names: "a statement from the ministry", "the ministry's statement"."""
    named = _issuer_in_phrase(head, mentions, paragraph, offset)
    if named is not None:
        return named
    named = _issued_in(head, mentions, paragraph, offset)
    if named is not None:
        return named
    if head.dep_ == "dobj" and head.head.lower_ in ISSUING_VERBS:
        # "it had deleted an earlier post": the post was the deleter's
        for subject in (c for c in head.head.children if c.dep_ == "nsubj"):
            named = analyse(subject, mentions, paragraph, offset)
            if named is not None and named.kind in {PERSON, ORGANISATION}:
                named.how = f"a {head.lower_} {head.head.text} by {named.name}"
                return named
    return None


def _issuer_in_phrase(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """ "a statement from the ministry", "the ministry's statement", "a statement issued on
    behalf of the federation", and "a statement provided to News 8 by the school district": who
    provided it, not the outlet (`issuers`)."""
    given = [g for c in head.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"]
    for child in [*head.children, *given]:
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"from", "by", "of"}:
            for issuer in child.children:
                named = _issuer(issuer, mentions, paragraph, offset)
                if named is not None:
                    named.how = f"a {head.lower_} from {named.name}"
                    return named
        if child.dep_ == "poss" or (child.dep_ == "compound" and is_proper(child)):
            named = analyse(child, mentions, paragraph, offset)
            if named is not None and named.kind != VAGUE:
                named.how = f"{named.name}'s {head.lower_}"
                return named
    return _issuer_in_words(head, mentions, paragraph, offset)


def _issuer_in_words(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """The first of the issuers the statement's phrase names (`issuers`) who is somebody."""
    for issuer in phrase_issuers(head):
        if issuer.dep_ == "compound" and issuer.tag_ == "NN":  # "a ministry statement"
            named = kind_issuer(issuer, mentions, offset)
        else:
            named = analyse(issuer, mentions, paragraph, offset)
        if named is not None and named.kind in {PERSON, ORGANISATION}:
            named.how = f"a {head.lower_} issued by {named.name}"
            return named
    return None


def kind_issuer(issuer: Token, mentions: Mentions, offset: int) -> Named | None:
    """The body "a ministry statement" or "a police department statement" is of: the last
    organisation of that kind named before (the words before "department" say the kind)."""
    kinds = [issuer, *(c for c in issuer.children if c.dep_ == "compound" and c.tag_ == "NN")]
    for kind in kinds:
        found = mentions.last_organisation(issuer.idx + offset, kind.lower_)
        if found is not None:
            return Named(found.name, ORGANISATION)
    return None


def _issued_in(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """ "The patrol confirmed the capture in a tweet that said": a paper someone acted in is
    theirs, the subject of the verb (never a passive one: "he was named in a report")."""
    for subject in actor_in(head):
        named = analyse(subject, mentions, paragraph, offset)
        if named is not None and named.kind in {PERSON, ORGANISATION}:
            named.how = f"the {head.lower_} {named.name} {subject.head.text} in, theirs"
            return named
    return None


def _issuer(issuer: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """Who the object of "from", "by" or "of" names, when it names somebody."""
    if issuer.dep_ != "pobj":
        return None
    named = analyse(issuer, mentions, paragraph, offset)
    return named if named is not None and named.kind != VAGUE else None


def _issuer_before(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """ "the statement": the one an issuer was said to release, or the organisation just before;
    "the ruling": the court named before."""
    if head.lower_ in PAPERS:
        return _court_before(head, mentions, paragraph, offset)
    if head.lower_ in REPORT_NOUNS:
        body = _reporting_body_before(head, mentions, offset)
        if body is not None:
            return body
    issued = _paper_before(head, mentions, paragraph, offset)
    found = mentions.last_organisation(head.idx + offset)
    # Only an organisation that acted (a subject) issues statements: not "Brexit" in
    # "Britain’s Brexit secretary said"; one that acted since the last statement named is
    # the nearer issuer ("Kestrel Foods welcomed the decision. “…,” the statement said").
    acted = found is not None and found.subject and paragraph - found.paragraph <= 1
    if (
        issued is not None
        and paragraph - issued.paragraph <= 6
        and not (acted and found.position > issued.position and found.name != issued.name)
    ):
        return Named(
            issued.name,
            issued.kind,
            how=f"“the {head.lower_}” is the one {issued.name} issued, named before",
            confidence=0.6,
        )
    if acted:
        return Named(
            found.name,
            ORGANISATION,
            how=f"“the {head.lower_}” is the one {found.name} issued, named just before",
            confidence=0.55,
        )
    return None


def _reporting_body_before(head: Token, mentions: Mentions, offset: int) -> Named | None:
    """ "the report said": the committee, commission or inquiry named before, however far back
    and whoever acted since (a report is one body's, talked of through the whole article)."""
    for found in mentions.before(mentions.organisations, head.idx + offset, limit=50):
        if REPORTING_BODIES & set(found.name.casefold().split()):
            how = f"“the {head.lower_}” is the one of {found.name}, the body named before"
            return Named(found.name, ORGANISATION, how=how, confidence=0.6)
    return None


def _paper_before(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Mention | None:
    """The last paper issued before "the statement": the last one called the same where one is
    in reach ("A police statement said … an email from the Gazette … the statement said": the
    police's), else the last one of any kind."""
    issued = list(mentions.before(mentions.statements, head.idx + offset, limit=20))
    same = (m for m in issued if m.paper == head.lower_ and paragraph - m.paragraph <= 6)
    return next(same, None) or next(iter(issued), None)


def _court_before(head: Token, mentions: Mentions, paragraph: int, offset: int) -> Named | None:
    """ "the ruling stated": the court named in the paragraphs before; other papers (a plea
    agreement, court documents) speak for nobody named."""
    if head.lower_ not in COURT_PAPERS:
        return None
    for found in mentions.before(mentions.organisations, head.idx + offset, limit=50):
        if paragraph - found.paragraph > 6:
            break
        if "court" in found.name.casefold().split():
            return Named(
                found.name,
                ORGANISATION,
                how=f"“the {head.lower_}” is the one of {found.name}, named before",
                confidence=0.55,
            )
    return None
