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


def _text_of(words: int, passages: list[str]) -> str:
    """The passages repeated, whole, until the text holds at least `words` words."""
    block = "\n\n".join(passages) + "\n\n"
    copies = -(-words // len(block.split()))
    return block * copies


def speed(
    passages: list[str], sizes: tuple[int, ...] = (1_000, 10_000, 100_000)
) -> list[tuple[int, float, float]]:
    """(words, processor seconds, wall-clock seconds) to read texts of each size, the pipeline
    loaded first, as in a running server. Processor time is what the reading costs; the wall
    clock also counts whatever else the machine is doing."""
    import time

    extract("“Warm up,” she said.")
    timings = []
    for size in sizes:
        text = _text_of(size, passages)
        wall, processor = time.perf_counter(), time.process_time()
        extract(text)
        timings.append(
            (len(text.split()), time.process_time() - processor, time.perf_counter() - wall)
        )
    return timings


def _folder_passages(folder: str) -> list[str]:
    from pathlib import Path

    return [path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.txt"))]


def main() -> None:
    """Print the scores on the corpus that ships with the tests, and the time taken by size.

    python -m factdb.intake.evaluate [SIZE ...] [--texts DIR]: with --texts, the speed is
    measured on the articles of a folder (repeated to each size) instead of the corpus.
    """
    import argparse
    import sys
    import time
    from pathlib import Path

    parser = argparse.ArgumentParser(description=main.__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--texts", help="a folder of .txt articles to time instead")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.intake_corpus import CORPUS

    started = time.perf_counter()
    scores = evaluate(CORPUS)
    elapsed = time.perf_counter() - started
    print(f"{len(CORPUS)} passages: {scores.report()}  ({elapsed * 1000:.0f} ms)")
    passages = _folder_passages(args.texts) if args.texts else [p["text"] for p in CORPUS]
    for words, processor, wall in speed(passages, tuple(args.sizes)):
        print(
            f"{words:>8,} words: {processor:6.2f} s processor time "
            f"({processor / words * 10_000:.2f} s per 10,000 words), {wall:6.2f} s wall clock"
        )


if __name__ == "__main__":
    main()
