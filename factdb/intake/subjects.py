"""Names the entity recogniser missed: subjects of clauses, and who issued each statement named."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from factdb.intake.appositions import apposed_person
from factdb.intake.cues import is_cue
from factdb.intake.entities import before_a_role
from factdb.intake.groups import ISSUING_VERBS, ORGANISATION_NOUNS, STATEMENT_NOUNS
from factdb.intake.initials import titled_initials
from factdb.intake.issuers import actor_in, phrase_issuers
from factdb.intake.mentions import ORGANISATION, PERSON, VAGUE, Mention, Mentions
from factdb.intake.offices import affiliations
from factdb.intake.phrases import clean_name, noun_phrase, role_not_title
from factdb.intake.roles import PERSON_NOUNS, RELATIVES, is_bare_role, is_person_noun
from factdb.intake.speakers import analyse, kind_issuer
from factdb.intake.title_objects import without_place


def described_subjects(
    doc: Doc, offset: int, number: int, mentions: Mentions, inside_quote: Callable[[int], bool]
) -> list[Mention]:
    """Subjects the entity recogniser did not name: "Moody said", "the Russian foreign
    ministry confirmed", and "the coach …" (an unnamed person a pronoun can point back to)."""
    found = []
    for token in doc:
        is_subject = token.dep_ in {"nsubj", "nsubjpass"}
        if not is_subject and (token.tag_ != "NNP" or token.head.tag_ == "NNP"):
            continue  # most words: settled without a look-up
        if inside_quote(token.idx + offset):
            continue
        if is_subject:
            mention = _subject(token, offset, number, mentions)
        else:
            mention = _proper_name(token, token.idx + offset, number)
        if mention is not None:
            found.append(mention)
    return found


def _proper_name(token: Token, position: int, number: int) -> Mention | None:
    """ "Moody" in a name of two or three capitalised words that is not an organisation's."""
    run = _proper_run(token)
    name, _titles = clean_name(run)
    words = name.split()
    if before_a_role(token.doc[token.i : token.i + 1]) or _after_the(run):
        return None  # "Tottenham Hotspur manager spoke", "the City Charter": no person
    if (
        2 <= len(words) <= 3
        and token.ent_type_ in {"", "PERSON"}
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(w.lower() in ORGANISATION_NOUNS for w in words)
        and not is_bare_role(name)
    ):
        subject = token.head.dep_ in {"nsubj", "nsubjpass"} and token.head.lower_ in PERSON_NOUNS
        return Mention(position, number, name, PERSON, None, subject, ties=_ties(token))
    return None


def _subject(token: Token, offset: int, number: int, mentions: Mentions) -> Mention | None:
    """The subject of a clause, when the recogniser did not name it."""
    position = token.idx + offset
    proper = token.tag_ in {"NNP", "NNPS"}
    if proper and _person_by_role(token):
        # "Harbour master Ines Okafor warned": a role before a name makes it a person,
        # whatever the recogniser called it (it took this one for a place).
        name, titles = clean_name(_proper_run(token))
        if 2 <= len(name.split()) <= 3 and not is_bare_role(name):
            # "Mayor Ana Ruiz abstained": the title is her role, for a later "the Mayor"
            role = titles or None
            return Mention(position, number, name, PERSON, role, True, ties=_ties(token))
    if proper and token.ent_type_ not in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}:
        return _unrecognised_name(token, offset, number)
    if token.lower_ in ORGANISATION_NOUNS and any(
        c.ent_type_ in {"GPE", "NORP", "ORG"} or c.tag_ == "NNP" for c in token.lefts
    ):
        named = analyse(token, mentions, number, offset)
        if named is not None and named.kind == "organisation":
            return Mention(position, number, named.name, "organisation")
        return None
    return _unnamed_person(token, position, number, mentions)


def _unrecognised_name(token: Token, offset: int, number: int) -> Mention | None:
    """A subject in capitals the recogniser gave no kind: a person, titled or not, unless it
    is an organisation's word, a bare role or an office's acronym."""
    run = _proper_run(token)
    if titled_initials(run):  # "Councilor ND said": ND, Councilor
        return Mention(run[1].idx + offset, number, run[1].text, PERSON, run[0].text, True)
    name, titles = clean_name(run)
    acronym = name.isupper() and len(name) <= 5  # "any new MCE": an office, nobody
    if acronym or not name or name.lower() in ORGANISATION_NOUNS or is_bare_role(name):
        return None
    # "Mayor Ana Ruiz abstained": the title is her role, for a later "the Mayor"
    return Mention(token.idx + offset, number, name, PERSON, titles or None, ties=_ties(token))


def _unnamed_person(token: Token, position: int, number: int, mentions: Mentions) -> Mention | None:
    """ "the coach", "one juror": a person a later pronoun can point back to; never one only
    spoken of in someone's reported words ("his cousin said the victim was not the target")."""
    if token.head.dep_ == "ccomp" and is_cue(token.head.head):
        return None
    if token.tag_ == "NN" and (
        named := apposed_person(token, noun_phrase(token)[0], mentions, position)
    ):
        # "A man who had just left the store, Tomas Averin, told …": the subject is the person
        # named beside the description, so a later "he" means him, not "a man".
        return Mention(position, number, named.name, PERSON, named.role, True)
    if (
        token.lower_ in PERSON_NOUNS
        and token.tag_ == "NN"
        and any(c.lower_ == "the" for c in token.children)
    ):
        return Mention(position, number, f"the {token.lower_}", VAGUE)
    if (
        token.lower_ in RELATIVES
        and token.tag_ == "NN"
        and any(c.dep_ == "poss" for c in token.children)
    ):
        # "His cousin, who did not give his name, said …": whom a later "he said" may mean
        words = token.doc[token.left_edge.i : token.i + 1].text
        return Mention(position, number, words, VAGUE)
    newcomer = next(
        (c.lower_ for c in token.children if c.lower_ in {"a", "an", "one", "another"}),
        None,
    )
    if newcomer and token.tag_ == "NN" and is_person_noun(token.lower_):
        # "And one juror sent a message": somebody new, whom a "he" that follows means.
        return Mention(position, number, f"{newcomer} {token.lower_}", VAGUE)
    return None


def remember_statement_issuers(
    doc: Doc, offset: int, number: int, mentions: Mentions, inside_quote: Callable[[int], bool]
) -> None:
    """Remember who issued each statement named ("a statement from NASA's Jet Propulsion
    Laboratory", "Reuters has released a statement"), for a later "the statement said"."""
    for token in doc:
        if token.lower_ not in STATEMENT_NOUNS or inside_quote(token.idx + offset):
            continue
        for issuer in _issuers(token):
            named = None
            if issuer.dep_ == "compound" and issuer.tag_ == "NN":
                named = kind_issuer(issuer, mentions, offset)  # "a police department statement"
            named = named or analyse(issuer, mentions, number, offset)
            if named is not None and named.kind in {PERSON, ORGANISATION} and named.name:
                mentions.statements.append(
                    Mention(token.idx + offset, number, named.name, named.kind, paper=token.lower_)
                )
                break


def _issuers(token: Token) -> list[Token]:
    """Who the words around a statement say issued it, most direct first."""
    issuers = phrase_issuers(token)
    if token.dep_ in {"dobj", "nsubjpass"} and token.head.lower_ in ISSUING_VERBS:
        issuers += [c for c in token.head.children if c.dep_ in {"nsubj", "agent"}]
    # "“…,” Nordwind said in an emailed statement", "Kilby Rovers announced it via a statement";
    # but "its chief executive said in the statement": one quoted in a statement issued before
    if any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children):
        return issuers
    return issuers + actor_in(token)


def _person_by_role(token: Token) -> bool:
    """Whether a proper-name subject of a reporting verb has a person's role written before it
    ("Harbour master Ines Okafor warned", "coach Mikel Andersen said")."""
    return (
        is_cue(token.head)
        and token.ent_type_ not in {"PERSON", "ORG"}
        and any(
            t.dep_ == "compound" and t.tag_ in {"NN", "NNS"} and t.lower_ in PERSON_NOUNS
            for t in token.lefts
        )
    )


def _ties(token: Token) -> frozenset[str]:
    """The team or body the words around a name tie it to ("Harwick Chief Executive Lena Holt")."""
    run = _proper_run(token)
    return affiliations(token.doc[run[0].i : token.i + 1])


def _after_the(run: list[Token]) -> bool:
    """ "as required by the City Charter": capitals after "the" name a thing, never a person."""
    first = run[0] if run else None
    return first is not None and first.i > 0 and first.doc[first.i - 1].lower_ == "the"


def _proper_run(token: Token) -> list[Token]:
    """The proper nouns that end with `token` and hang on one another: a whole name."""
    doc = token.doc
    start = token.i
    while (
        start > 0 and doc[start - 1].tag_ in {"NNP", "NNPS"} and doc[start - 1].head.i >= start - 1
    ):
        start -= 1
    while token.i - start >= 2 and role_not_title(doc[start]):
        start += 1  # "Economist Marie Le Goff": the role is not part of the name
    return without_place(list(doc[start : token.i + 1]))


def name_before_role(subjects: list[Token]) -> list[Token]:
    """A verb's subjects with a name first where the parser split a role off the name as a
    second subject just before it ("Head of the delegation Ana Ruiz said"): the name speaks."""
    if len(subjects) < 2 or subjects[0].tag_ not in {"NN", "NNS"}:
        return subjects
    role = subjects[0]
    named = [
        s
        for s in subjects[1:]
        if s.tag_ in {"NNP", "NNPS"} and s.left_edge.i == role.right_edge.i + 1
    ]
    return named[:1] + [s for s in subjects if s not in named[:1]]


def subjects_of(current: Token) -> list[Token]:
    """The subjects of a verb; for "who said" in a relative clause, the noun it hangs on."""
    subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects and subjects[0].tag_ in {"WP", "WDT"} and current.dep_ == "relcl":
        subjects = [antecedent(current, subjects[0])]  # "Dana Whitfield, who said …"
    elif subjects and subjects[0].lower_ == "who" and _noun_before(subjects[0]) is not None:
        # "introduced by Petrova who said", read as "introduced … (that) who said"
        subjects = [_noun_before(subjects[0])]
    return name_before_role(subjects)


def _noun_before(pronoun: Token) -> Token | None:
    """The noun written right against a relative pronoun, a comma between them or not."""
    doc = pronoun.doc
    before = pronoun.i - 1 - (pronoun.i > 1 and doc[pronoun.i - 1].text == ",")
    word = doc[before] if before >= 0 else None
    return word if word is not None and word.tag_ in {"NNP", "NNPS", "NN", "NNS"} else None


def antecedent(clause: Token, pronoun: Token) -> Token:
    """The noun a relative pronoun stands for: the one the parser hung its clause on, unless
    that noun's phrase ends before the noun written right against the pronoun ("He was
    introduced by Brandt who said": Brandt, where the parser hung "who said" on "He")."""
    head, word = clause.head, _noun_before(pronoun)
    if word is None or word == head:
        return head
    before = word.i
    inside = range(clause.left_edge.i, clause.right_edge.i + 1)
    if max((t.i for t in head.subtree if t.i not in inside), default=head.i) >= before:
        return head  # the parser's noun reaches the pronoun: "the head of Kilby Rovers, who"
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.tag_ in {"NN", "NNS"}:
        return word.head.head  # "the mayor of Harwick who said": the mayor
    return word


def lead_verbs(lead: list[Token]) -> list[Token]:
    """The words of a lead-in to a colon, a cue in a relative clause last first: in "… shared a
    message from Ole Brandt, who wrote:", Brandt speaks, not whoever shared it."""
    verbs = [t for t in lead if t.tag_.startswith("VB")]
    if verbs and (_who_cues(verbs[-1]) or _closing_cue(verbs[-1], lead)):
        return [verbs[-1], *lead]
    return lead


def _closing_cue(verb: Token, lead: list[Token]) -> bool:
    """A cue with a subject of its own that closes a lead-in after another clause: in "Yu
    Hirakawa made his debut … and Manning said:", Manning speaks, not the player who made it."""
    return (
        is_cue(verb)
        and verb.dep_ in {"conj", "ROOT"}
        and verb.i > lead[0].i
        and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i > lead[0].i for c in verb.children)
        and all(t.is_punct or t.head == verb or t.head.head == verb for t in lead if t.i > verb.i)
    )


def _who_cues(verb: Token) -> bool:
    """A cue in a relative clause on its subject, last in a lead-in: "…, who wrote:"."""
    return (
        is_cue(verb)
        and verb.dep_ == "relcl"
        and any(c.dep_ == "nsubj" and c.lower_ in {"who", "whom"} for c in verb.children)
    )
