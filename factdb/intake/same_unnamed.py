""" "The harbour board official" after "a harbour board official": the same unnamed person.

A definite description after an indefinite one is the person the article brought in, never
the person named last (who is often somebody else altogether).
"""

from __future__ import annotations

from factdb.intake.mentions import VAGUE, Mention, Mentions, Named
from factdb.intake.phrases import without_article

_NEWCOMERS = frozenset({"a", "an", "one", "another"})


def brought_in_before(
    mentions: Mentions, head: str, phrase: str, position: int, paragraph: int, found: Mention | None
) -> Named | None:
    """The unnamed speaker "the <phrase>" is: "a <head>" brought in within three paragraphs
    before, and after the person `found` for it was named (None when there is none)."""
    since = found.position if found is not None else -1
    for mention in mentions.before(mentions.descriptions, position, limit=20):
        if mention.position <= since or paragraph - mention.paragraph > 3:
            return None
        opener, _, noun = mention.name.partition(" ")
        if opener in _NEWCOMERS and noun == head:
            brought = f"{opener} {without_article(phrase)}"
            how = f"“the {phrase}” is {brought}, brought in before"
            return Named(brought, VAGUE, how=how, confidence=0.6)
    return None
