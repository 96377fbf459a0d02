"""Words in quotation marks that nobody said: a name, a title or a term the marks set off.

`the military campaign named “Operation Grey Heron”`, `could be called "Mother Harbour"`,
`their new album ‘Salt and Iron Roads’`, `on “Harbour Talk Tonight”`, `the “Lanterns Over Kilby”
band`: the marks name or distance a thing, and the subject of the sentence's cue given as their
speaker would be a false attribution. `called the deal “a disgrace”` and `what she called “a witch hunt”` are the
subject's own words and stay theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from factdb.intake.attribution import Attribution
from factdb.intake.cues import is_cue
from factdb.intake.quote_heads import as_above, hanging_tokens, verb_above

#: Words before a quotation that make it a name or a title: "the so-called “…”", "given the
#: nickname “…”", "known as", "entitled", "codenamed", "Sunday's edition of “…”".
_NAMING = re.compile(
    r"\b(?:so-called|nicknamed|the nickname|known as|titled|entitled|edition of|episode of"
    r"|code-?named)\s*[\"“‘'«]?\s*$",
    re.IGNORECASE,
)
#: Words before a quotation that name it a term, when the marks hold a short phrase with no verb:
#: "the term “stagflation”" (never "said the term “was invented by my opponents”").
_TERMED = re.compile(r"\b(?:the term|the label)\s*[\"“‘'«]?\s*$", re.IGNORECASE)
#: Verbs that give a name when they modify a noun or stand in the passive: "a campaign named
#: “…”", "could be called “…”" (active, "what she called “…”", they report the subject's words).
_NAMING_VERBS = frozenset(
    ["named", "called", "dubbed", "termed", "nicknamed", "renamed", "branded", "billed"]
)
#: Verbs of calling whose object complement in quotation marks is the subject's words.
_CALLING = frozenset(
    [
        "call",
        "calls",
        "called",
        "calling",
        "label",
        "labels",
        "labelled",
        "labeled",
        "labelling",
        "brand",
        "brands",
        "branded",
        "branding",
        "term",
        "terms",
        "termed",
        "dub",
        "dubs",
        "dubbed",
        "dubbing",
    ]
)
#: Nouns for works and named undertakings whose title may follow in quotation marks.
_WORKS = frozenset(
    [
        "album",
        "single",
        "song",
        "track",
        "ep",
        "record",
        "book",
        "novel",
        "memoir",
        "biography",
        "film",
        "movie",
        "documentary",
        "show",
        "series",
        "programme",
        "program",
        "podcast",
        "play",
        "musical",
        "opera",
        "episode",
        "column",
        "essay",
        "poem",
        "video",
        "game",
        "exhibition",
        "festival",
        "tour",
        "operation",
        "exercise",
        "mission",
        "campaign",
        "slogan",
        "motto",
        "hashtag",
        "headline",
        "magazine",
        "newspaper",
        "brand",
    ]
)
#: First words of a name that quotation marks may enclose whole: "“Operation Quiet Tide”".
_NAME_HEADS = frozenset(["operation", "project", "mission", "plan", "programme", "program"])
#: Small words a title leaves in lower case ("Talk of the Harbour", "How to Mend a Net").
_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "vs",
    ]
)

NAMED = "a name or a title in quotation marks, nobody's words"


def nobodys(sentence: str, why: str, behind: Attribution | None = None) -> Attribution:
    """The quotation proposed with no speaker and why it is nobody's words, keeping whom its
    sentence's cue names (`behind`) for a quotation after it to continue."""
    found = Attribution.nobody(sentence)
    found.how = why
    found.sentence_speaker = behind.speaking() if behind is not None else None
    return found


def subject_above(
    between: list[Token], cue: Token, inside_quote: Callable[[int], bool], offset: int
) -> bool:
    """Whether the quoted words are the subject of a verb that is no cue, standing between them
    and a cue below it: in "The “quiet plan” could help farmers claim grants", the term is
    the subject of "help", and "claim" reports other words, not the term."""
    return any(
        verb.tag_.startswith("VB")
        and not is_cue(verb)
        and verb in cue.ancestors
        and any(
            child.dep_ in {"nsubj", "nsubjpass"}
            and child.i < verb.i
            and inside_quote(child.idx + offset)
            for child in verb.children
        )
        for verb in between
    )


def set_off(text: str, start: int, end: int, inside: list[Token]) -> str | None:
    """Why the quotation text[start:end] is a name or a title and nobody's words, or None."""
    lead = text[max(0, start - 40) : start]
    if _NAMING.search(lead) or (_TERMED.search(lead) and _short_without_verb(inside)):
        return NAMED
    before, after = _word_before(inside), _word_after(inside)
    if before is not None and before.lower_ in _NAMING_VERBS and _names(before):
        return f"a name given with “{before.text}”, nobody's words"
    if after is not None and _describes_noun(inside, after):
        return f"a term saying which “{after.text}”, nobody's words"
    ranked = _ranked_outside(inside)
    if ranked is not None:
        return f"a term ranked “{ranked.text}” outside the marks, nobody's words"
    if not _title_case(text[start:end]):
        return None
    words = text[start:end].split()
    if words[0].casefold() in _NAME_HEADS and len(words) <= 4:
        return NAMED
    work = _work_before(inside)
    if work is not None:
        return f"the title of the {work.lower_} in quotation marks, nobody's words"
    if before is not None and before.lower_ in {"on", "in"}:
        return f"a title after “{before.text}”, nobody's words"
    if after is not None and after.tag_ in {"NN", "NNS"} and after.text.islower():
        return f"a title describing “{after.text}”, nobody's words"
    return None


def a_term(inside: list[Token], quoted: Callable[[Token], bool]) -> str | None:
    """Why a quotation no cue claims is a term set off, not words: one to three words with no
    verb, inside a sentence that has words before it and no reporting verb outside the marks."""
    if not _short_without_verb(inside, 3) or not _headed_by_noun(inside):
        return None  # "“reckless”", "“long overdue”": the judgement of whoever speaks
    if any(_called_so(t) for t in hanging_tokens(inside)):
        return None  # "branding the reports as “…”", "labelled the goal a “…”": a subject's words
    sentence = inside[0].sent if inside[0].doc.has_annotation("SENT_START") else inside[0].doc[:]
    outside = [t for t in sentence if not quoted(t)]
    if any(is_cue(t) for t in outside):
        return None
    lead = [t for t in outside if t.i < inside[0].i and not t.is_punct]
    after = _word_after(inside)
    if len(lead) < 2 and (after is None or after.tag_ not in {"NN", "NNS"}):
        # "“Never.”" opening a paragraph may go on with someone's words; "The “harbour
        # levy” debate" is a term describing a noun
        return None
    return "a word or two set off in quotation marks, with no verb and no cue: nobody's words"


def _describes_noun(inside: list[Token], after: Token) -> bool:
    """ "the law's “notice-and-comment” requirement", "the act's “good cause” exception": a term
    of one to three words that only says which of a thing's parts the noun after the marks is
    (not "considered a “search and rescue” operation", which may be the speaker's words)."""
    ids = {t.i for t in inside}
    hanging = [t for t in inside if not t.is_punct and t.head.i not in ids]
    return (
        after.tag_ in {"NN", "NNS"}
        and any(c.dep_ == "poss" and c.i < inside[0].i for c in after.children)
        and _short_without_verb(inside, 3)
        and _headed_by_noun(inside)
        and all(t.head == after and t.dep_ in {"compound", "nmod", "amod"} for t in hanging)
    )


#: Words that rank a thing among others of its kind: "the first", "the latest".
_ORDINALS = frozenset({"first", "last", "latest", "newest", "next"})


def _ranked_outside(inside: list[Token]) -> Token | None:
    """ "the longest “vote-a-rama” in Senate history", "the latest “reform”": a superlative or
    an ordinal outside the marks ranks the quoted term in the writer's own phrase."""
    if not _short_without_verb(inside, 3) or not _headed_by_noun(inside):
        return None
    ids = {t.i for t in inside}
    head = next(t for t in inside if not t.is_punct and t.head.i not in ids)
    return next(
        (
            c
            for c in head.children
            if c.dep_ == "amod" and c.i < inside[0].i and (c.tag_ == "JJS" or c.lower_ in _ORDINALS)
        ),
        None,
    )


def _short_without_verb(inside: list[Token], most: int = 4) -> bool:
    """Whether the quoted words are a term, not a sentence: one word to `most`, none a verb."""
    words = [t for t in inside if not t.is_punct]
    return 1 <= len(words) <= most and not any(_verb(t) for t in words)


def _headed_by_noun(inside: list[Token]) -> bool:
    """Whether the quoted words name a thing ("regional security", "harbour levy"), not judge
    one ("dead on arrival", "long overdue"): the word they hang from is a noun."""
    ids = {t.i for t in inside}
    heads = [t for t in inside if not t.is_punct and (t.head.i not in ids or t.head is t)]
    return len(heads) == 1 and heads[0].tag_ in {"NN", "NNS", "NNP", "NNPS"}


def _verb(token: Token) -> bool:
    """A verb or a modal by its tag (the pipeline sets no coarse parts of speech)."""
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _called_so(token: Token) -> bool:
    """Whether a subject calls something by the quoted words: after "as" ("branding X as
    “…”") or as what a verb of calling makes it ("labelled the goal a “…”"), never passive."""
    as_ = as_above(token)
    verb = verb_above(as_) if as_ is not None else token.head
    if as_ is None and not (verb.tag_.startswith("VB") and token.dep_ in {"oprd", "dobj", "attr"}):
        return False
    if as_ is None and verb.lower_ not in _CALLING:
        return False
    return not any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def _word_before(inside: list[Token]) -> Token | None:
    """The word before the opening mark."""
    doc, i = inside[0].doc, inside[0].i - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    return doc[i] if i >= 0 and not doc[i].is_punct else None


def _work_before(inside: list[Token]) -> Token | None:
    """A word for a work before the opening mark, or before a comma there ("his new film,
    “…”"), that the title in the marks names."""
    doc, i = inside[0].doc, inside[0].i - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i > 0 and doc[i].text == ",":
        if len([t for t in inside if not t.is_punct]) < 2 or _cue_after(inside):
            return None  # "asked about the album, “Brilliant,” Ana Moss said": her word
        i -= 1
    word = doc[i] if i >= 0 else None
    if word is None or word.lower_ not in _WORKS or _verb(word):
        return None
    return word


def _cue_after(inside: list[Token]) -> bool:
    """Whether a reporting verb follows the closing mark in the quotation's sentence."""
    doc, end = inside[-1].doc, inside[-1].i + 1
    sentence_end = inside[-1].sent.end if doc.has_annotation("SENT_START") else len(doc)
    return any(is_cue(t) for t in doc[end:sentence_end])


def _word_after(inside: list[Token]) -> Token | None:
    """The word after the closing mark."""
    doc, i = inside[-1].doc, inside[-1].i + 1
    while i < len(doc) and (doc[i].is_quote or doc[i].is_space):
        i += 1
    return doc[i] if i < len(doc) and not doc[i].is_punct else None


def _names(verb: Token) -> bool:
    """A naming verb that modifies a noun ("a campaign named") or is passive ("be called")."""
    if verb.dep_ == "acl" or any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    previous = verb.doc[verb.i - 1] if verb.i > 0 else None
    return previous is not None and previous.lower_ in {"be", "been", "being", "is", "was"}


def _title_case(words_text: str) -> bool:
    """Words written as a title: each word capitalised but the small ones, one word at least
    and no more than ten, no sentence inside."""
    words = re.findall(r"[\w'’*-]+", words_text)
    if not 1 <= len(words) <= 10 or re.search(r"[.!?]\s+\S", words_text):
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.casefold() in _SMALL or not w[:1].isalpha() for w in words)
