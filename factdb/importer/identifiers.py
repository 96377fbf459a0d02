"""The identifiers that tell two works apart whatever they share: ISBNs read as one number
each, DOIs and addresses as they are, not as a BibTeX file escaped them."""

from __future__ import annotations

import re


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


#: A character of an address escaped as in text (`{\\_}`, `\\&`, `{\\~{}}`), as Mendeley writes
#: every `_`, `&`, `%`, `#` and `~` of a DOI or web address; no address holds a backslash.
_ESCAPED_IN_ADDRESS = re.compile(
    r"\{\\([_&%#$])\}|\\([_&%#$])|\{?\\~\{\}\}?|\{?\\text(asciitilde|underscore)(?:\{\})?\}?"
)


def unescape_address(value: str) -> str:
    """A DOI or web address with the LaTeX escapes of its punctuation undone."""
    if "\\" not in value:
        return value

    def plain(match: re.Match[str]) -> str:
        named = {"asciitilde": "~", "underscore": "_"}
        return match.group(1) or match.group(2) or named.get(match.group(3) or "", "~")

    return _ESCAPED_IN_ADDRESS.sub(plain, value)
