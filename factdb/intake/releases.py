"""What company announcements and filings write that is nobody's words nor anybody's name:
a term defined in brackets (`Tarn Capital Partners LLC ("Tarn")`, `the Company ("we" or "us")`,
`(together with its subsidiaries, the "Group")`) and a stock-exchange ticker
(`(NASDAQ: TPCO)`, `(LSE: ORH)`), whose exchange is never a speaker."""

from __future__ import annotations

import re

#: Exchanges written before a ticker, or alone: never an organisation that speaks.
EXCHANGES = frozenset(
    {
        "nasdaq", "nyse", "nyse american", "nyse arca", "amex", "lse", "aim", "tsx", "tsxv",
        "tsx-v", "asx", "nzx", "hkex", "sgx", "jse", "bse", "nse", "otc", "otcqb", "otcqx",
        "euronext", "xetra", "six", "cse", "cboe",
    }
)  # fmt: skip
#: "(NASDAQ: TPCO)", "(Nasdaq: TPCO, TPCOW)", "(TSX: KMC)": an exchange and its ticker symbols.
TICKER = re.compile(
    r"\s*\((?:[A-Z][A-Za-z-]{1,9})(?:\s+[A-Z][A-Za-z]{1,9})?:\s*[A-Z0-9.\-]{1,10}"
    r"(?:\s*[,;/]\s*(?:[A-Z][A-Za-z-]{1,9}(?:\s+[A-Z][A-Za-z]{1,9})?:\s*)?[A-Z0-9.\-]{1,10})*\)"
)
_MARK_OPEN = "“\"‘'«"
_MARK_CLOSE = "”\"’'»"
#: Words that may stand inside the bracket before the defined term: `(the "Company")`,
#: `(together with its subsidiaries, the "Group")`, `(hereinafter referred to as "Tarn")`.
_LEAD = (
    r"(?:(?:the|a|an|each|any|collectively|together|jointly|individually|hereinafter|"
    r"referred|to|as|with|its|their|his|her|subsidiaries|affiliates|and|or)\b[\s,]*)*"
)
_TERM = rf"[{_MARK_OPEN}][^{_MARK_OPEN}{_MARK_CLOSE}()\n]{{1,40}}[{_MARK_CLOSE}]"
_JOIN = r"\s*(?:[,;/]\s*)?(?:(?:and|or)\s+)?(?:the\s+)?"
#: The bracket before the term's opening mark, after a name: `LLC (`, `Company (the "`.
_BEFORE = re.compile(rf"[\w.)]\s*\(\s*{_LEAD}(?:{_TERM}{_JOIN})*[{_MARK_OPEN}]$", re.IGNORECASE)
#: From the term's closing mark to the bracket's end: `”)`, `", "we" or "us")`.
_AFTER = re.compile(rf"^[{_MARK_CLOSE}](?:{_JOIN}{_TERM})*[\s,]*\)")


def defined_term(text: str, start: int, end: int) -> bool:
    """Whether the quotation text[start:end] is a term defined in brackets after a name: one to
    three words, alone in its bracket or listed with other terms ("we" or "us")."""
    if not 1 <= len(text[start:end].split()) <= 3:
        return False
    return bool(
        _BEFORE.search(text[max(0, start - 120) : start]) and _AFTER.match(text[end : end + 120])
    )


def is_exchange(name: str) -> bool:
    """Whether an organisation's name is a stock exchange's: "NASDAQ", "the NYSE"."""
    folded = " ".join(name.casefold().split()).removeprefix("the ")
    return folded in EXCHANGES


def without_tickers(text: str) -> str:
    """The text without its ticker brackets: "Harwick Ferries Inc. (NYSE: HFRY)" is the name."""
    return TICKER.sub("", text)


def without_open_bracket(text: str) -> str:
    """The text cut before a bracket it opens and never closes: "Tribune Company (" or
    "Kilby Rail (the" is where a reading stopped inside a bracket, never part of a role."""
    depth = 0
    cut = None
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                cut = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
    return text[:cut].rstrip(" ,;:") if depth and cut is not None else text
