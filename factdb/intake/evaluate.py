"""Score the extractor against a labelled corpus: precision and recall of quote–speaker pairs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdb.intake.extract import extract


def _fold(value: str | None) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", (value or "").casefold().replace("’", "'")).split())


def _speaker_matches(expected: str | None, found: str | None) -> bool:
    if expected is None:
        return True  # the corpus does not say (e.g. an unattributed follow-up quote)
    want, got = _fold(expected), _fold(found)
    return bool(got) and (want == got or want in got or got in want)


def _quote_matches(expected: str, found: str) -> bool:
    want, got = _fold(expected), _fold(found)
    return bool(want) and (want in got or (got in want and len(got) >= 0.6 * len(want)))


@dataclass
class Scores:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    def report(self) -> str:
        head = f"precision {self.precision:.3f}, recall {self.recall:.3f} ({self.true_positives} right, {self.false_positives} wrong, {self.false_negatives} missed)"
        return "\n".join([head, *self.misses])


def evaluate(corpus: list[dict]) -> Scores:
    """A found pair is right when its words and speaker match an expected pair not matched yet."""
    scores = Scores()
    for number, passage in enumerate(corpus, start=1):
        expected = list(passage["quotes"])
        found = extract(passage["text"]).quotes
        for quote in found:
            match = next(
                (
                    pair
                    for pair in expected
                    if _quote_matches(pair[0], quote.text)
                    and _speaker_matches(pair[1], quote.speaker)
                ),
                None,
            )
            if match is None:
                scores.false_positives += 1
                scores.misses.append(f"#{number} wrong: {quote.text!r} by {quote.speaker!r}")
            else:
                expected.remove(match)
                scores.true_positives += 1
        for words, speaker in expected:
            scores.false_negatives += 1
            scores.misses.append(f"#{number} missed: {words!r} by {speaker!r}")
    return scores


def main() -> None:
    """Print the scores on the corpus that ships with the tests (run from a checkout)."""
    import sys
    import time
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.intake_corpus import CORPUS

    started = time.perf_counter()
    scores = evaluate(CORPUS)
    elapsed = time.perf_counter() - started
    print(f"{len(CORPUS)} passages: {scores.report()}  ({elapsed * 1000:.0f} ms)")
    text = ("\n\n".join(passage["text"] for passage in CORPUS) + "\n\n") * 16
    started = time.perf_counter()
    extract(text)
    print(f"{len(text.split()):,} words read in {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
