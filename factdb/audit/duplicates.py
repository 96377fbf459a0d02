"""Likely duplicate claims: the keys that gather candidates, the similarity, the findings.

Shared by the in-memory audit (rules), the kept findings (maintained) and the full
rebuild, so that all three name the same nearest earlier duplicate for each claim.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Sequence

import numpy
from rapidfuzz import fuzz, process

from factdb.audit.data import AuditData
from factdb.audit.findings import Finding

#: Similarity (0-100) at which two claim texts count as likely duplicates.
DUPLICATE_THRESHOLD = 92.0
_PUNCTUATION = re.compile(r"[^\w\s]")


def _duplicate_key(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


#: Characters of a claim's folded text that its beginning and end keys hold.
_KEY_SPAN = 24


def duplicate_keys(text: str) -> tuple[str, set[str]]:
    """Fold a claim's text and give the keys under which its likely duplicates are found.

    Two claims are compared when they share a key: the same beginning, the same end,
    or the same three longest words (whatever their order). Near-identical texts
    (one word changed, words reordered, punctuation) share at least one, and whether
    two claims are compared depends on those two alone, so the findings of one claim
    can be recomputed without looking at every other.
    """
    folded = _duplicate_key(text)
    words = sorted(set(folded.split()), key=lambda word: (-len(word), word))[:3]
    keys = {"b:" + folded[:_KEY_SPAN], "e:" + folded[-_KEY_SPAN:], "w:" + " ".join(sorted(words))}
    return folded, {key[:80] for key in keys if len(key) > 2}


def duplicate_finding(claim_id: int, earlier_id: int, score: float) -> Finding:
    """A claim that likely repeats an earlier one: found on the later claim, naming the earlier."""
    return Finding(
        "LIKELY_DUPLICATE",
        f"Claim #{claim_id} is {score:.0f}% alike earlier claim #{earlier_id}.",
        claim_id=claim_id,
        details={"other_claim_id": earlier_id, "score": round(score, 1)},
    )


#: Two claims found alike: their ids (either order) and how alike they are.
Pair = tuple[int, int, float]


def nearest_earlier(pairs: Iterable[Pair], only: Container[int] | None = None) -> Iterator[Finding]:
    """One finding per claim that has a likely duplicate before it, naming the nearest.

    Reporting every alike pair grows with the square of a group of near-identical claims
    (64 gave 2,016 findings); naming each claim's nearest earlier one gives one fewer
    finding than the group has claims. Among equally alike claims the earliest is named.
    `only`: the later claims to report (the others' pairs are read and left out).
    """
    nearest: dict[int, tuple[float, int]] = {}
    for first, second, score in pairs:
        later, earlier = max(first, second), min(first, second)
        if only is not None and later not in only:
            continue
        best = nearest.get(later)
        if best is None or (score, -earlier) > (best[0], -best[1]):
            nearest[later] = (score, earlier)
    for claim_id in sorted(nearest):
        score, earlier = nearest[claim_id]
        yield duplicate_finding(claim_id, earlier, score)


def alike(folded: str, other: str) -> float | None:
    """The similarity of two folded texts when they count as duplicates, else None."""
    score = fuzz.ratio(folded, other, score_cutoff=DUPLICATE_THRESHOLD)
    return score if score else None


#: Groups this large are compared in C, a block of rows of the score matrix at a time.
_MATRIX_FROM = 16
_MATRIX_ROWS = 256


def alike_pairs(members: Sequence[tuple[int, str]]) -> Iterator[Pair]:
    """Every pair of (claim id, folded text) in `members` that counts as duplicates, in order.

    Each pair comes once, its earlier member first, with the score `alike` gives it. A
    large group (a common key gathers thousands of claims) is scored by rapidfuzz's cdist
    in C rather than pair by pair in Python, on every core (its threads release the GIL:
    the rebuild, which alone calls this, has nothing else to run meanwhile).
    """
    if len(members) < _MATRIX_FROM:
        for index, (first_id, first) in enumerate(members):
            for second_id, second in members[index + 1 :]:
                score = alike(first, second)
                if score is not None:
                    yield first_id, second_id, score
        return
    texts = [folded for _, folded in members]
    for start in range(0, len(texts), _MATRIX_ROWS):
        scores = process.cdist(
            texts[start : start + _MATRIX_ROWS], texts, scorer=fuzz.ratio,
            score_cutoff=DUPLICATE_THRESHOLD, dtype=numpy.float64, workers=-1,
        )  # fmt: skip
        for row, column in zip(*numpy.nonzero(scores), strict=True):
            if column > start + row:
                yield members[start + row][0], members[column][0], float(scores[row, column])


def _alike_pairs(data: AuditData) -> Iterator[Pair]:
    """The alike pairs among claims that share a key (comparing every pair would be quadratic)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for claim in data.claims.values():
        folded, keys = duplicate_keys(claim.text)
        for key in keys:
            groups.setdefault(key, []).append((claim.id, folded))
    seen: set[tuple[int, int]] = set()
    for members in groups.values():
        for index, (claim_id, folded) in enumerate(members):
            for other_id, other in members[index + 1 :]:
                pair = (min(claim_id, other_id), max(claim_id, other_id))
                if pair in seen:
                    continue
                score = alike(folded, other)
                if score is not None:
                    seen.add(pair)
                    yield claim_id, other_id, score


def likely_duplicate(data: AuditData) -> Iterator[Finding]:
    """A claim whose text is near-identical to an earlier claim's (see nearest_earlier)."""
    return nearest_earlier(_alike_pairs(data))
