"""Check a quote against the stored text of its document.

Matching ignores case, runs of white space, curly versus straight quotes and dash
variants. A quote with an ellipsis ("…", "...", "[…]") is split into pieces that
must appear in order. Exact matches pass; close matches are "altered" (one word
changed, a contraction expanded); anything else is "not found", with the closest
passage, its similarity and a word-level diff.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

#: At or above this similarity (0-100) a quote that is not exact counts as altered.
ALTERED_THRESHOLD = 85.0
#: Pieces this short must match exactly: fuzzy scores on a few characters mean little.
MIN_FUZZY_LENGTH = 12

_CHAR_MAP = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
    # Invisible characters (factdb.text.INVISIBLE) and zero-width (non-)joiners fold away, so
    # a quote matches its source however either was typed.
    **dict.fromkeys(
        "\u200b\u200c\u200d\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff", ""
    ),
}
_TRANSLATION = str.maketrans(_CHAR_MAP)
_SPACE_RUNS = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.")
_EDGE_PUNCTUATION = " \t\n.,;:!?\"'-"


@dataclass
class QuoteCheck:
    outcome: str  # "ok", "altered", "not_found" or "uncheckable"
    score: float = 0.0
    #: The closest passage of the stored text, as written there.
    passage: str = ""
    start: int = 0
    end: int = 0
    #: Word-level differences: (operation, words in the quote, words in the source).
    diff: list[tuple[str, str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        """Give the check as JSON to store.

        Written out, not dataclasses.asdict, which deep-copies every field: a rebuild
        stores hundreds of thousands of checks.
        """
        return {
            "outcome": self.outcome,
            "score": self.score,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "diff": [list(op) for op in self.diff],
        }

    @classmethod
    def from_json(cls, data: dict) -> QuoteCheck:
        data = dict(data)
        data["diff"] = [tuple(op) for op in data.get("diff", [])]
        return cls(**data)


#: A quote found as it is written, with no passage located: most checks. Shared (never
#: changed), so a rebuild's hundreds of thousands of them pickle and serialise as one.
PASSED = QuoteCheck("ok", 100.0)


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` for matching; offsets[i] is where character i came from in `text`."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(index - 1)
            pending_space = False
        for folded in _CHAR_MAP.get(char, char).casefold():
            out.append(folded)
            offsets.append(index)
    return "".join(out), offsets


def normalise(text: str) -> str:
    """The same folding as normalise_with_offsets, at C speed, without the offsets."""
    return _SPACE_RUNS.sub(" ", text.translate(_TRANSLATION).casefold()).strip()


def quote_pieces(quote: str) -> list[str]:
    """Split a quote at its ellipses into normalised pieces, trimmed of edge punctuation."""
    pieces = (normalise(part).strip(_EDGE_PUNCTUATION) for part in _ELLIPSIS.split(quote))
    return [piece for piece in pieces if piece]


def cache_key(quote: str, text_hash: str) -> str:
    """Key for a stored check: the same quote against the same text gives the same result."""
    return hashlib.sha256(f"{normalise(quote)}\x00{text_hash}".encode()).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest() if text else ""


def _all_in_order(pieces: list[str], norm: str) -> bool:
    position = 0
    for piece in pieces:
        found = norm.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def _word_diff(quote_words: list[str], source_words: list[str]) -> list[tuple[str, str, str]]:
    matcher = difflib.SequenceMatcher(
        a=[normalise(word).strip(_EDGE_PUNCTUATION) for word in quote_words],
        b=[normalise(word).strip(_EDGE_PUNCTUATION) for word in source_words],
        autojunk=False,
    )
    return [
        (op, " ".join(quote_words[a1:a2]), " ".join(source_words[b1:b2]))
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
    ]


def _trimmed_diff(
    quote: str, text: str, start: int, end: int
) -> tuple[int, int, list[tuple[str, str, str]]]:
    """Diff the quote against the passage, dropping source words beyond either end of the quote."""
    words = [
        (match.start() + start, match.end() + start)
        for match in re.finditer(r"\S+", text[start:end])
    ]
    diff = _word_diff(quote.split(), [text[a:b] for a, b in words])
    first = 0
    if diff and diff[0][0] == "insert":
        first = len(diff[0][2].split())
        diff = diff[1:]
    last = len(words)
    if diff and diff[-1][0] == "insert":
        last -= len(diff[-1][2].split())
        diff = diff[:-1]
    if first < last:
        start, end = words[first][0], words[last - 1][1]
    return start, end, diff


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def check_quote(
    quote: str, text: str, *, locate: bool = False, folded: str | None = None
) -> QuoteCheck:
    """Find `quote` in `text`, exactly or approximately; see the module docstring.

    An exact match returns no passage unless `locate` is set: finding where it is in
    the original text costs more than finding that it is there. `folded` is
    normalise(text), for callers checking many quotes against one text.
    """
    if not text.strip():
        return QuoteCheck("uncheckable")
    pieces = quote_pieces(quote)
    if not pieces:
        return QuoteCheck("ok", 100.0)
    norm = folded if folded is not None else normalise(text)
    if not locate and _all_in_order(pieces, norm):
        return QuoteCheck("ok", 100.0)
    norm, offsets = normalise_with_offsets(text)
    position = 0
    spans: list[tuple[int, int]] = []
    scores: list[float] = []
    for piece in pieces:
        found = norm.find(piece, position)
        if found >= 0:
            spans.append((found, found + len(piece)))
            scores.append(100.0)
            position = found + len(piece)
            continue
        alignment = fuzz.partial_ratio_alignment(piece, norm[position:])
        if alignment is None:
            spans.append((position, position))
            scores.append(0.0)
            continue
        score = alignment.score if len(piece) >= MIN_FUZZY_LENGTH else min(alignment.score, 50.0)
        spans.append((position + alignment.dest_start, position + alignment.dest_end))
        scores.append(score)
        position += alignment.dest_end
    score = min(scores)
    start = offsets[spans[0][0]] if spans[0][0] < len(offsets) else len(text)
    last = max(spans[-1][1] - 1, spans[-1][0])
    end = offsets[last] + 1 if last < len(offsets) else len(text)
    start, end = _widen_to_words(text, start, end)
    if score >= 100.0:
        return QuoteCheck("ok", 100.0, text[start:end], start, end)
    outcome = "altered" if score >= ALTERED_THRESHOLD else "not_found"
    start, end, diff = _trimmed_diff(quote, text, start, end)
    return QuoteCheck(outcome, round(score, 1), text[start:end], start, end, diff)


def render_diff(diff: list[tuple[str, str, str]]) -> str:
    """Plain-text diff: [-words in the quote-]{+words in the source+}."""
    parts = []
    for op, quoted, source in diff:
        if op == "equal":
            parts.append(quoted)
            continue
        if quoted:
            parts.append(f"[-{quoted}-]")
        if source:
            parts.append(f"{{+{source}+}}")
    return " ".join(parts)
