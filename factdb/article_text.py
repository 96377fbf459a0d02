"""Turn what people paste (plain text or HTML) into an article's text, with limits and clear errors.

Outside factdb.intake, so that a text too long is refused before the article reader and
its language model are imported."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from factdb.errors import ValidationFailed
from factdb.file_kinds import binary_kind
from factdb.models.limits import MAX_ARTICLE_CHARACTERS

MAX_CHARACTERS = MAX_ARTICLE_CHARACTERS
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    # A page's furniture: captions, asides, buttons and lists are no part of the next
    # sentence ("Photo: Staff" then "Jane Doe said" is not a speaker "Staff Jane Doe").
    "figure",
    "figcaption",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "button",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "td",
    "th",
    "hr",
    "pre",
    "address",
)


def decode(data: bytes) -> str:
    """Read bytes as UTF-8 (a byte-order mark is fine); refuse anything else.

    A file that is no text (an image, a PDF, an archive picked by mistake) is named by what it
    looks like, as the import names it: "byte 0 cannot be read" told the user nothing.
    """
    kind = binary_kind(data)
    if kind:
        raise ValidationFailed(
            f"The file looks like {kind}, not an article; save the article's text as UTF-8 "
            "and try again.",
            {"text": f"Looks like {kind}, not text."},
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(
            f"The text is not UTF-8 (byte {exc.start} cannot be read). Save it as UTF-8 and try again.",
            {"text": "Not UTF-8 text."},
        ) from exc


#: Tags that say a paste is a page's markup, scripts and styles included: a paste of only
#: those holds no words to read and is refused as empty, not read as 0 quotes.
_HTML_TAG = re.compile(
    r"<(?:p|div|html|body|head|article|section|main|header|footer|nav|br|span|h[1-6]|ul|ol|li"
    r"|table|img|a|script|style|noscript|template|iframe|svg|meta|link|title)\b[^>]*>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text[:5000]))


def html_to_text(html: str) -> str:
    """Keep the words; drop scripts, styles and markup (nothing is ever executed)."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "svg", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")  # the words after a block start a paragraph too
    text = soup.get_text()
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def prepare(text: str) -> str:
    """The article's text, ready for extraction; raises ValidationFailed when it cannot be used."""
    if looks_like_html(text):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise ValidationFailed(
            "There is no text to read: paste the article.", {"text": "Paste the article's text."}
        )
    if len(text) > MAX_CHARACTERS:
        raise ValidationFailed(
            f"The text is too long ({len(text):,} characters; the limit is {MAX_CHARACTERS:,}). Split it into parts.",
            {"text": "Too long."},
        )
    return text
