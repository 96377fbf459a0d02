"""The identifiers that tell two works apart whatever they share: ISBNs read as one number each."""

from __future__ import annotations

import re
from urllib.parse import unquote

#: What files and people write before a DOI: a resolver's address (any scheme, "dx." or
#: "www.", or none) or a "doi:" / "DOI " label.
_DOI_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi\b\s*:?\s*)", flags=re.IGNORECASE
)


def bare_doi(text: str | None) -> str:
    """A DOI as its bare `10.x/…`, its case kept: resolver or label taken off, `%2F` decoded.

    People and files write one DOI many ways ("https://doi.org/10.…", "DOI 10.…",
    "10.5555%2Fabc"); stored or compared as written, one work would read as two.
    """
    value = (text or "").strip()
    value = _DOI_PREFIX.sub("", value, count=1).strip()
    return unquote(value) if "%" in value else value


def doi_key(text: str | None) -> str:
    """The DOI to compare (DOIs ignore case): bare, decoded and folded; "" when none."""
    return bare_doi(text).casefold()


def isbn_keys(text: str | None) -> frozenset[str]:
    """The ISBNs a field lists ("0-306-40615-2, 978-1-4028-9462-6"), each as its 13 digits.

    An ISBN-10 is the ISBN-13 with 978 before it and another check digit, so the two forms
    of one book's number compare equal. Anything else in the field ("(pbk.)") is ignored.
    """
    keys = set()
    for part in re.split(r"[,;/]|\s(?=\D)", text or ""):
        digits = re.sub(r"[^0-9Xx]", "", part).upper()
        if len(digits) == 10 and digits[:9].isdigit():
            digits = "978" + digits[:9]
            total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
            digits += str(-total % 10)
        if len(digits) == 13 and digits.isdigit():
            keys.add(digits)
    return frozenset(keys)


def isbns_of(isbn: str | None, extra: dict[str, str] | None) -> frozenset[str]:
    """A document's ISBNs: its field's, and those a file listed after the first (under extra)."""
    more = [value for name, value in (extra or {}).items() if name.rsplit(".", 1)[-1] == "isbn"]
    return isbn_keys(", ".join([isbn or "", *more]))
