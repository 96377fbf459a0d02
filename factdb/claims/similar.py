"""Claims like the one being typed, so that people link to it instead of recording it twice.

The full-text index finds candidates that share words with the text (any of its
words, best matches first); rapidfuzz then ranks them by how alike the whole texts
are, and only those alike enough are offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import Integer, bindparam, column, select, text
from sqlalchemy.orm import Session

from factdb.models import Claim
from factdb.search_fold import fold, fold_letters
from factdb.vocab import Status

#: Candidates read from the index before ranking by similarity.
CANDIDATES = 30
#: Texts less alike than this (0-100, rapidfuzz's token sort ratio) are not offered.
THRESHOLD = 55.0
#: Words this short, or this common, say little about what a claim is about.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "into",
        "is",
        "it",
        "its",
        "not",
        "of",
        "on",
        "or",
        "our",
        "said",
        "she",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "than",
        "then",
        "there",
        "these",
        "those",
        "also",
        "more",
        "most",
        "over",
        "after",
        "before",
        "about",
    ]
)
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12


@dataclass(frozen=True)
class SimilarClaim:
    id: int
    text: str
    status: Status
    #: How alike the texts are, 0-100.
    score: float


def _words(text_: str) -> list[str]:
    """The text's telling words, longest first (long words are rarer), at most MAX_WORDS."""
    seen = dict.fromkeys(
        word.lower()
        for word in _WORD.findall(text_)
        if len(word) > 2 and word.lower() not in _STOPWORDS
    )
    return sorted(seen, key=len, reverse=True)[:MAX_WORDS]


def _candidate_ids(session: Session, words: list[str]) -> list[int]:
    if session.get_bind().dialect.name == "postgresql":
        query = " | ".join(f"'{fold(word).lower()}'" for word in words)
        statement = text(
            # The claims' stored tsvector (migration 0022), which the index covers.
            "SELECT id AS rid FROM claim "
            "WHERE search_vector @@ to_tsquery('simple', :q) "
            "ORDER BY ts_rank(search_vector, to_tsquery('simple', :q)) "
            "DESC, id DESC LIMIT :limit"
        )
    else:
        query = " OR ".join('"' + fold_letters(word).replace('"', '""') + '"' for word in words)
        statement = text(
            "SELECT rowid / 4 AS rid FROM search_index WHERE search_index MATCH :q "
            "AND rowid % 4 = 0 ORDER BY bm25(search_index, 0, 0, 4.0, 1.0) LIMIT :limit"
        )
    statement = statement.bindparams(bindparam("limit", CANDIDATES)).columns(column("rid", Integer))
    return list(session.scalars(statement, {"q": query}))


def similar_claims(
    session: Session, text_: str, *, exclude: int | None = None, limit: int = 5
) -> list[SimilarClaim]:
    """Existing claims most like `text_`, most alike first (none when the text is too short)."""
    words = _words(text_)
    if len(words) < 2:
        return []
    ids = [claim_id for claim_id in _candidate_ids(session, words) if claim_id != exclude]
    if not ids:
        return []
    rows = session.execute(select(Claim.id, Claim.text, Claim.status).where(Claim.id.in_(ids)))
    wanted = text_.lower()
    ranked = [
        SimilarClaim(claim_id, claim_text, status, round(score, 1))
        for claim_id, claim_text, status in rows
        if (score := fuzz.token_sort_ratio(wanted, claim_text.lower())) >= THRESHOLD
    ]
    ranked.sort(key=lambda claim: (-claim.score, -claim.id))
    return ranked[:limit]
