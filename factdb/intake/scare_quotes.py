"""A few function words in quotation marks inside reported speech ("accepted “as is”") are a
writer's scare quotes, not the speaker's words: the sentence is proposed as a paraphrase."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

#: The most words a scare quote has.
LONGEST = 3


def is_scare_quote(words: str) -> bool:
    """Whether quoted words are two or three function words ("as is", "for now", "at all"):
    nothing a speaker could be quoted as saying, however the sentence around them is read (one
    such word, "they had lost “everything”", may well be the speaker's)."""
    found = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", words)
    return 2 <= len(found) <= LONGEST and all(w.casefold() in STOP_WORDS for w in found)
