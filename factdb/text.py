"""Small text rules shared by every input path: keys for matching, URLs, partial dates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime, timedelta
from urllib.parse import unquote, urldefrag, urlsplit

from anyascii import anyascii

_SPACES = re.compile(r"\s+")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: Control characters, and U+FFFE and U+FFFF, which are no characters and which XML cannot
#: hold (one in a claim's text made the Atom feed of every view listing it answer 500).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(value: str | None) -> str:
    """Strip a value, normalise it to NFC and drop control characters (NUL included) and
    the noncharacters U+FFFE and U+FFFF."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


#: Bidi embeddings, overrides and isolates, and zero-width characters that join nothing
#: (space, word joiner, byte-order mark): they show nothing, yet can reverse how a name
#: reads on a page or split a quote's words so that it no longer matches its source.
INVISIBLE = re.compile("[\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_JOINERS = re.compile("[\u200c\u200d]+")


def _shapes(char: str) -> bool:
    """Whether a zero-width (non-)joiner beside `char` can shape it: a letter, mark, digit or symbol."""
    return bool(char) and unicodedata.category(char)[0] in "LMNS"


def _joiner_inside_word(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    return match.group() if _shapes(before) and _shapes(after) else ""


def visible(value: str) -> str:
    """Drop the invisible characters that can spoof a name, title or quote.

    Zero-width non-joiner and joiner are kept inside a word, where Persian ("می‌خواهم"),
    Indic scripts and emoji sequences need them, and dropped at a word's edge.
    """
    return _JOINERS.sub(_joiner_inside_word, INVISIBLE.sub("", value))


def clean_line(value: str | None) -> str:
    """Clean a name, title, tag or quote: `clean`, then without spoofing invisible characters."""
    return clean(visible(value)) if value else ""


#: Each opening quotation mark and the mark that closes it, in the styles news is written in.
_CLOSING_MARK = {
    '"': '"', "'": "'", "\u201c": "\u201d", "\u201d": "\u201d", "\u2018": "\u2019",
    "\u201e": "\u201c", "\u201a": "\u2018", "\u00ab": "\u00bb", "\u00bb": "\u00ab",
    "\u2039": "\u203a", "\u300c": "\u300d", "\u300e": "\u300f",
}  # fmt: skip


def unwrap_quotation(value: str) -> str:
    """Drop one pair of quotation marks around the whole of a quote.

    A quote copied from an article often keeps its marks, and every page and export adds its
    own, so it would show doubled. Marks that do not enclose the whole (`"A" and "B"`, an
    apostrophe inside) are left as written.
    """
    if len(value) < 3 or _CLOSING_MARK.get(value[0]) != value[-1]:
        return value
    inner = value[1:-1]
    if value[0] in inner or value[-1] in inner:
        return value
    return inner.strip()


def name_key(name: str) -> str:
    """Fold a name for matching: case, accents kept, runs of space collapsed, curly quotes straightened."""
    folded = clean_line(name).replace("\u2019", "'").replace("\u2018", "'").casefold()
    return _SPACES.sub(" ", folded).strip()


_NOT_WORD = re.compile(r"[\W_]+")
#: Longest title key stored as it is; longer ones end in a hash of the whole key.
TITLE_KEY_LENGTH = 200


def title_key(title: str) -> str:
    """Fold a title for matching, the same in Python on every database.

    NFKC and casefold ("ÜBER", "Über" and "über" give one key, as do "ﬁ" and "fi"), with
    punctuation and runs of white space folded to one space. Long keys keep their start
    and end in a hash, so the indexed column stays short on every backend.
    """
    folded = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", title or "").casefold()).strip()
    if len(folded) <= TITLE_KEY_LENGTH:
        return folded
    digest = hashlib.sha256(folded.encode()).hexdigest()[:32]
    return f"{folded[: TITLE_KEY_LENGTH - 33]}#{digest}"


def titles_differ(one: str, other: str, *, by_words: bool = True) -> bool:
    """Whether two title keys clearly name two pieces: other numbers (an edition, a year), or
    (`by_words`) fewer than half the shorter one's words in common.

    A headline re-edited, or a page title with its site's name added, still shares its words;
    "Maturity Model 9" and "Maturity Model 11" at one address are two editions.
    """
    if not one or not other or one == other:
        return False
    words, others = set(one.split()), set(other.split())
    numbers = {w for w in words if w.isdigit()}
    other_numbers = {w for w in others if w.isdigit()}
    if numbers and other_numbers and not (numbers <= other_numbers or other_numbers <= numbers):
        return True
    return by_words and len(words & others) * 2 < min(len(words), len(others))


#: Longest URL key stored as it is; longer ones end in a hash of the whole key.
URL_KEY_LENGTH = 300


def url_key(url: str) -> str:
    """Fold a web address for matching one page however it was linked; "" for anything else.

    http and https, "www." or not, a trailing slash, the host's case, a default port, the
    fragment, the query's order and tracking parameters (utm_*, fbclid, gclid, …, as
    courlan knows them) all give one key; the path keeps its case, which servers may read.
    """
    # Imported here: courlan costs a tenth of a second that only a look-up by address needs.
    from courlan.clean import normalize_url

    url = clean_line(url)
    if not is_web_url(url):
        return ""
    try:
        parts = urlsplit(normalize_url(urldefrag(url).url, trailing_slash=False))
    except ValueError:
        return ""
    host = parts.netloc.removeprefix("www.")
    folded = host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
    if len(folded) <= URL_KEY_LENGTH:
        return folded
    digest = hashlib.sha256(folded.encode()).hexdigest()[:32]
    return f"{folded[: URL_KEY_LENGTH - 33]}#{digest}"


#: What files and people write before a DOI: a resolver's address (any scheme, "dx." or
#: "www.", or none) or a "doi:" / "DOI " label.
_DOI_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi(?:\s*:\s*|\s+))", flags=re.IGNORECASE
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


def is_web_url(value: str) -> bool:
    """Accept only absolute http(s) URLs, so that `javascript:` links never reach a page."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


#: Two days that share no part: a part that differs between two readings was not given.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
#: Year first, then month and day in figures, with or without leading zeros: "2026-3-9".
_FIGURES = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
#: Longer than any date people write: read no further (dateutil would try), and type no further.
LONGEST_DATE = 40
#: How the formats factdb reads are named in its messages.
DATE_FORMATS = 'YYYY, YYYY-MM or YYYY-MM-DD, or with the month in words ("5 March 2004")'


def read_partial_date(value: str) -> str:
    """Read a publication date as people write it, as YYYY, YYYY-MM or YYYY-MM-DD.

    The one reader of every path (forms, API, `factdb ingest`, import after its own
    format's reading): "2026-03-09", "2026-3-9", "5 March 2004", "March 5, 2004",
    "July 2013" and "2013" are read; figures with the year last ("03/04/2013") are refused,
    since whether the day or the month comes first cannot be told. A date more than a year
    ahead is refused (see `parse_partial_date`). Raises ValueError with a message for people.
    """
    value = clean(value)
    if len(value) > LONGEST_DATE:
        raise ValueError(f"That is not a date factdb can read. Use {DATE_FORMATS}.")
    _refuse_year_last(value)
    figures = _FIGURES.match(value)
    if figures:
        year, month, day = figures.groups()
        value = year + "".join(f"-{int(part):02d}" for part in (month, day) if part)
    if not value or _PARTIAL_DATE.match(value) or not re.search(r"[^\W\d_]", value):
        return parse_partial_date(value)
    from dateutil import parser as dateutil_parser  # only for dates written in words

    try:
        first, second = (dateutil_parser.parse(value, default=day) for day in _DEFAULTS)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{value} is not a date factdb can read. Use {DATE_FORMATS}.") from exc
    if first.year != second.year:
        raise ValueError(f"{value} has no year. Use {DATE_FORMATS}.")
    if first.month != second.month:
        return parse_partial_date(f"{first.year:04d}")
    if first.day != second.day:
        return parse_partial_date(f"{first.year:04d}-{first.month:02d}")
    return parse_partial_date(f"{first.year:04d}-{first.month:02d}-{first.day:02d}")


_YEAR_LAST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")


def _refuse_year_last(value: str) -> None:
    """Say why 03/04/2013 is refused, and what to write instead when only one reading is a date."""
    match = _YEAR_LAST.fullmatch(value)
    if match is None:
        return
    first, second, year = match.groups()
    full_year = int(year) if len(year) == 4 else 2000 + int(year)
    readings = set()
    for month, day in ((first, second), (second, first)):
        try:
            readings.add(date(full_year, int(month), int(day)).isoformat())
        except ValueError:
            continue
    if not readings:
        raise ValueError(f"{value} is no date: no month has that day. Use {DATE_FORMATS}.")
    if len(readings) == 1:
        written = readings.pop()
        if len(year) == 2:
            written = f"{written} if {year} means {full_year}"
        raise ValueError(
            f"{value} puts the year last; write it as YYYY-MM-DD ({written}) or with the month "
            "in words."
        )
    raise ValueError(
        f"{value} puts the year last, and whether the day or the month comes first cannot be "
        f"told (03/04/2013 is 4 March in the United States, 3 April elsewhere). Use {DATE_FORMATS}."
    )


def parse_partial_date(value: str) -> str:
    """Check a date given as YYYY, YYYY-MM or YYYY-MM-DD and return it unchanged.

    Refused: what is not a real date, and a date whose first day is more than a year ahead.
    A year ahead is allowed because journals date their issues ahead and books are cited
    as forthcoming; beyond it a date is a slip of the keys (2062 for 2026, 2999). Raises
    ValueError with a message for people.
    """
    value = clean(value)
    if not value:
        return ""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"Use {DATE_FORMATS}; for example 2024-03 or 2024-03-09.")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        first_day = date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValueError(f"{value} is not a real date. Use {DATE_FORMATS}.") from exc
    if first_day > date.today() + timedelta(days=366):
        raise ValueError(
            f"{value} is more than a year ahead: a publication date can be at most a year "
            "from today (an issue dated ahead). Check the year."
        )
    return value


def date_parts(value: str) -> list[int]:
    """Split a partial ISO date into CSL-style date-parts: "2024-03" -> [2024, 3]."""
    return [int(part) for part in value.split("-")] if value else []


def like_escaped(text: str) -> str:
    """Text made literal inside a LIKE pattern written with `escape="\\"` (%, _ and \\ escaped)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def tag_name(value: str) -> str:
    """The one name of a tag however it is typed, so "ＣＯＵＲＴＳ", "Courts" and "courts" are one.

    NFKC folds compatibility forms (full-width letters, ligatures) and casefold folds case
    ("Straße" is "strasse"); NFKC again after casefold, as Unicode's NFKC_Casefold does.
    """
    folded = unicodedata.normalize("NFKC", clean_line(value)).casefold()
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", folded)).strip()


def split_tags(value: str) -> list[str]:
    """Split a comma-separated tag list into tag names, dropping blanks and repeats."""
    seen: dict[str, None] = {}
    for raw in value.split(","):
        tag = tag_name(raw)
        if tag:
            seen.setdefault(tag[:100], None)
    return list(seen)


#: Words a citation key never starts from: English articles and short function words, and
#: the articles of the languages fact-checkers most often cite.
# fmt: off
KEY_STOPWORDS = frozenset({
    "a", "an", "the", "on", "of", "in", "for", "and", "or", "to", "at", "by", "with", "from",
    "as", "into", "about", "over", "under", "after", "before", "is", "are", "was", "were",
    "be", "been", "its", "it", "this", "that", "these", "those", "not", "no", "new", "le",
    "la", "les", "l", "un", "une", "des", "du", "de", "et", "der", "die", "das", "dem", "den",
    "ein", "eine", "und", "el", "los", "las", "lo", "y", "del", "al", "il", "gli", "i", "uno",
    "una", "di", "e", "het", "een", "van", "o", "os", "um", "uma", "do", "da",
})
# fmt: on
KEY_WORD_LENGTH = 30
#: A person's family name as key characters is cut here in a citation key (titles and
#: outlets at KEY_WORD_LENGTH): no real name comes near it, and an indexed column needs a bound.
AUTHOR_WORD_LENGTH = 200
#: The longest base key: author word + year + title word (factdb.base_keys).
BASE_KEY_LENGTH = AUTHOR_WORD_LENGTH + 4 + KEY_WORD_LENGTH
_NOT_KEY = re.compile(r"[^a-z0-9]")


def key_word(text: str) -> str:
    """Text as citation-key characters: ASCII letters and digits."""
    return _NOT_KEY.sub("", anyascii(text).lower())


def first_word(text: str) -> str:
    """The first word of `text` that is not a stop-word, as citation-key characters."""
    for raw in re.split(r"[\s\-–—/:]+", text):
        word = key_word(raw)
        if word and word not in KEY_STOPWORDS:
            return word[:KEY_WORD_LENGTH]
    return ""


def key_stem(title: str, published: str) -> str:
    """Year + first significant title word: the part of a citation key a document owns alone."""
    return f"{published[:4] if published else 'nd'}{first_word(title)}"


#: Where a document's imported citation key is kept, among its extra fields.
CITATION_KEY = "citation-key"
#: The keys of entries imported as duplicates of this document, which a paper may still cite.
KEY_ALIASES = "citation-key-aliases"
#: The spans of the title that a .bib file braced against a style's case change (JSON list).
TITLE_PROTECTED = "title-protected"
#: How many authors the file named, when a document keeps only the first of them.
AUTHORS_TRUNCATED = "authors-truncated"
#: What BibTeX, biber and pandoc all take as a key: any letters (biber reads UTF-8 keys),
#: digits and punctuation but the characters that end or break a key or a `\cite`
#: (space, comma, braces, parentheses, quotes, `#`, `%`, `=`, `~`, backslash).
_KEY = re.compile(r"""[^\s,{}()"'#%=~\\]{1,100}""")


def is_citation_key(value: str) -> bool:
    """Whether an imported entry's key or id is worth citing by."""
    # Zotero's item addresses used as CSL ids ("http://zotero.org/…/items/X") and bare
    # record numbers are not kept.
    return bool(_KEY.fullmatch(value)) and not value.isdigit() and "://" not in value


def text_key(text: str) -> str:
    """Hash a document's text for matching: the same words however they were wrapped or spaced.

    "" for no text, so that documents without one never match each other.
    """
    words = " ".join((text or "").split())
    return hashlib.sha256(words.encode()).hexdigest() if words else ""
