"""Keep a labelled development set of real articles without keeping their text.

The texts belong to their publishers and stay outside the repository; what is kept
(`docs/intake-dev-set.json`) is, for each article, its address, the sha256 of the text as it
was saved and labelled, its kind, and for each label the quotation's character offsets in that
text and the speaker as labelled. Whoever saves the texts again from the addresses can check
them by hash and get back the `labels.json` that `factdb.intake.scoring` reads:

    python -m factdb.intake.labelling DIR --export docs/intake-dev-set.json
    python -m factdb.intake.labelling DIR --rebuild docs/intake-dev-set.json
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path


def digest(text: str) -> str:
    """The sha256 of a text as saved (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locate(text: str, fragment: str, after: int = 0) -> tuple[int, int] | None:
    """Where the labelled words stand in the text, whatever whitespace separates them there."""
    words = fragment.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    found = pattern.search(text, after) or pattern.search(text)
    return (found.start(), found.end()) if found else None


def export(folder: Path, labels: dict) -> tuple[dict, list[str]]:
    """The set as kept in the repository (no text), and what could not be placed."""
    articles, problems = [], []
    for article in labels["articles"]:
        text = (folder / article["file"]).read_text(encoding="utf-8")
        kept, placed = [], {}
        for pair in article["pairs"]:
            # The same words labelled twice (a headline repeating a quotation) are two places.
            span = locate(text, pair["quote"], placed.get(pair["quote"], -1) + 1)
            if span is None:
                problems.append(f"{article['file']}: not in the text: {pair['quote']!r}")
                continue
            placed[pair["quote"]] = span[0]
            label = {"start": span[0], "end": span[1], "speaker": pair["speaker"]}
            label |= {"kind": pair["kind"], "patterns": pair["patterns"]}
            if pair.get("aliases"):
                label["aliases"] = pair["aliases"]
            kept.append(label)
        articles.append(
            {
                "file": article["file"],
                "address": article.get("url"),
                "sha256": digest(text),
                "kind": article["type"],
                "outlet": article["outlet"],
                "labels": kept,
            }
        )
    return {"articles": articles}, problems


def rebuild(folder: Path, kept: dict) -> tuple[dict, list[str]]:
    """`labels.json` again from texts saved anew, each checked by its hash."""
    articles, problems = [], []
    for article in kept["articles"]:
        path = folder / article["file"]
        if not path.exists():
            problems.append(f"{article['file']}: missing; save it from {article['address']}")
            continue
        text = path.read_text(encoding="utf-8")
        if digest(text) != article["sha256"]:
            problems.append(f"{article['file']}: the text differs from the one labelled (sha256)")
            continue
        pairs = []
        for label in article["labels"]:
            pair = {"quote": text[label["start"] : label["end"]], "speaker": label["speaker"]}
            pair |= {"kind": label["kind"], "patterns": label["patterns"]}
            if label.get("aliases"):
                pair["aliases"] = label["aliases"]
            pairs.append(pair)
        articles.append(
            {
                "file": article["file"],
                "url": article["address"],
                "outlet": article["outlet"],
                "type": article["kind"],
                "pairs": pairs,
            }
        )
    return {"articles": articles}, problems
