"""Blank a web page's furniture (captions' credits, "Advertisement", "Read more", share buttons).

Text copied from a web page keeps words that are no part of the article, and they often end up
glued to the sentence after them: `Photo: Staff Jane Doe said …`, `Advertisement Tom Hale
said …`, `"…," Share this article Ines Okafor said`. Read as they are, the parser takes them
for part of the speaker's name or role, or for the subject of the cue. Blanked with spaces of
the same length, every offset into the text still points at the same character.
"""

from __future__ import annotations

import re

#: A capitalised word of a name or an outlet: "Ivo", "J.", "O'Neill", "Smith-Jones".
_WORD = r"[A-Z][\w'’.&-]*"
#: Words that credit a picture to nobody by name.
_CREDIT_WORDS = (
    r"(?:Staff|STAFF|File|FILE|Supplied|Submitted|Contributed|Handout|Courtesy|Getty Images"
    r"|AP|AFP|Reuters|EPA|PA|Courtesy of)"
)
#: What opens a picture's credit: `Photo:`, `Photo by`, `Image courtesy of`, `AP Photo/`.
_CREDIT = re.compile(
    r"(?<![\w-])\(?(?:(?:AP|AFP|EPA|PA|Reuters|Staff|File) )?"
    r"(?:Photo|PHOTO|Photos|Photograph|Picture|Pictured|Image|IMAGE|Credit|CREDIT|Caption)"
    r"(?:s)?(?:\s*:\s*|\s+(?:by|courtesy(?: of)?|credit:?)\s+|/)"
    rf"(?:(?:{_CREDIT_WORDS})(?=[\s/,)]|$)\s*)*"
)
#: A credited name and the outlet after its slash: "Ivo Brandt/Harwick Gazette".
_CREDITED = re.compile(rf"({_WORD}(?: {_WORD})*)(?:\s*/\s*({_WORD}(?: {_WORD})*))?")
#: Furniture that stands alone: notices, buttons, links to other stories.
_NOTICES = re.compile(
    r"(?<![\w-])(?:ADVERTISEMENT|Advertisement|SPONSORED|Sponsored content"
    r"|(?:Read|READ) (?:more|More|MORE|also|Also|ALSO|next|Next|NEXT)\b:?"
    r"|(?:Continue|CONTINUE) (?:reading|READING)(?: below)?|Story continues below(?: advertisement)?"
    r"|Share (?:this|the) (?:article|story|page)|Copy link|Print this (?:article|page)"
    r"|Share (?:on|via) (?:Facebook|Twitter|X|LinkedIn|WhatsApp|Pinterest|Reddit|Email|email)"
    r"|Listen to (?:this|the) (?:article|story)|Getty Images"
    r"|Staff (?:Writer|Reporter|Photographer|writer|reporter|photographer))"
    r"(?=[\s\"“”,.;:)]|$)"
)

#: A determiner right before a notice's words makes them a name's: "The Advertisement
#: Standards Panel", "an Advertisement Standards Panel ruling".
_DETERMINER = re.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+$")


def without_furniture(text: str) -> str:
    """The text with the page's furniture blanked, the same length, so offsets still hold."""
    if not _NOTICES.search(text) and not _CREDIT.search(text):
        return text
    spans = [
        m.span()
        for m in _NOTICES.finditer(text)
        if not _DETERMINER.search(text, max(0, m.start() - 10), m.start())
    ]
    spans.extend(_credit_span(text, match) for match in _CREDIT.finditer(text))
    chars = list(text)
    for start, end in spans:
        if _inside_a_quotation_mark(text, start, end):
            continue  # a quotation's first or last words stay: its bounds are read from them
        for index in range(start, end):
            if not chars[index].isspace():
                chars[index] = " "
    return "".join(chars)


def _credit_span(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The span of a credit: its opening words and the name or outlet credited.

    A run of capitalised words that goes on into the sentence holds the credit and then the
    speaker, the name nearest the cue: its last two words are the speaker's when the credit
    has an outlet after a slash or took two words itself (`Photo by Ivo Brandt Ana Ruiz, a
    fisherman, said`); with three words after `Photo by` nobody can tell, so all are blanked.
    A run that a bracket or the line's end closes is the credit alone.
    """
    start, end = match.span()
    credited = _CREDITED.match(text, end)
    if credited is None:
        return start, end
    outlet = credited.group(2)
    run = (outlet or credited.group(1)).split(" ")
    after = text[credited.end() : credited.end() + 1]
    if after in {"", ")", "\n"}:
        closing = credited.end() + 1 if text.startswith("(", start) and after == ")" else 0
        return start, max(credited.end(), closing)
    if len(run) >= (3 if outlet else 4):
        return start, credited.end() - len(" ".join(run[-2:]))
    if outlet or len(run) == 3 or after in {".", ";", ":", "|"}:
        return start, credited.end()
    return start, end


def _inside_a_quotation_mark(text: str, start: int, end: int) -> bool:
    """Whether the span opens a quotation (right after its opening mark) or closes one."""
    before = text[max(0, start - 8) : start].rstrip()
    after = text[end : end + 8].lstrip()[:1]
    opens = before[-1:] in {"“", "‘", "«"} or (
        before[-1:] == '"' and (len(before) < 2 or before[-2].isspace())
    )
    return opens or after in {"”", "’", "»", '"'}
