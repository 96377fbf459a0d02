"""Words that say a quotation follows: whose statement or remarks a paragraph above names.

"Here is a transcript of her remarks:", "Here is the police department's full response:",
"Governor Paul Landry issued the following statement:" introduce the paragraph below; so
does "… released the following statement concerning the claims," though it ends in a comma,
since the words "the following" say so, and "He began by stating the fact," whose verb of
saying has its words below.
"""

from __future__ import annotations

from spacy.tokens import Span

from factdb.intake.cues import is_cue
from factdb.intake.groups import STATEMENT_NOUNS

#: Nouns for what someone said or issued: whose they are names the speaker below a colon.
WORDS_OF = STATEMENT_NOUNS | {"remarks", "comments", "words", "message", "speech", "address"}
WORDS_OF = WORDS_OF | {"response", "responses"}


def announces_what_follows(sentence: Span) -> bool:
    """ "… released the following statement concerning the claims," ending in a comma: the
    words "the following" say the paragraph below is what was issued, colon or not; so does
    a verb of saying whose words end at the comma ("He began by stating the fact,")."""
    if not sentence.text.rstrip().endswith(","):
        return False
    words = [t for t in sentence if not t.is_punct]
    return any(t.lower_ == "following" and t.head.lower_ in WORDS_OF for t in sentence) or (
        bool(words) and any(is_cue(t) and t.right_edge == words[-1] for t in words)
    )
