"""Help label a folder of real articles, kept outside the repository, before the extractor reads them.

    python -m factdb.intake.labelling DIR            # every quotation in each text, to label
    python -m factdb.intake.labelling DIR --check    # labels.json checked, and its counts
    python -m factdb.intake.labelling DIR --export FILE   # the set kept without text (`devset`)
    python -m factdb.intake.labelling DIR --rebuild FILE  # labels.json again, texts checked by hash

The listing pairs quotation marks by rule only (`quotes.find_quotes`): no parser and no
speaker, so the person labelling sees every quotation without seeing what the extractor would
answer. `--check` makes sure every labelled fragment stands in its article's text, that every
pair has a kind the scoring knows, and prints the counts the README reports (articles, outlets,
pairs by kind of article and by pattern). The format of labels.json is in `scoring`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from factdb.intake import devset
from factdb.intake.quotes import find_quotes, paragraphs, with_typeset_marks

KINDS = frozenset({"person", "organisation", "vague", "joint", "none"})


def quotations(text: str) -> list[str]:
    """The words of every quotation, in order, found by pairing quotation marks."""
    marked = with_typeset_marks(text)
    return [
        " ".join(text[p.start : p.end].split()) for p in find_quotes(marked, paragraphs(marked))
    ]


def problems(folder: Path, labels: dict) -> list[str]:
    """What is wrong with the labels: fragments not in their text, unknown kinds, missing files."""
    found = []
    for article in labels["articles"]:
        path = folder / article["file"]
        if not path.exists():
            found.append(f"{article['file']}: no such file")
            continue
        text = " ".join(path.read_text(encoding="utf-8").split())
        for pair in article["pairs"]:
            if " ".join(pair["quote"].split()) not in text:
                found.append(f"{article['file']}: not in the text: {pair['quote']!r}")
            if pair["kind"] not in KINDS:
                found.append(f"{article['file']}: unknown kind {pair['kind']!r}")
            if pair["kind"] != "none" and not pair.get("speaker"):
                found.append(f"{article['file']}: no speaker for {pair['quote']!r}")
    return found


def counts(labels: dict) -> dict:
    articles = labels["articles"]
    pairs = [pair for article in articles for pair in article["pairs"]]
    return {
        "articles": len(articles),
        "outlets": len({article["outlet"] for article in articles}),
        "pairs": len(pairs),
        "by_article_type": dict(
            sorted(Counter(a["type"] for a in articles for _ in a["pairs"]).items())
        ),
        "by_pattern": dict(Counter(p for pair in pairs for p in pair["patterns"]).most_common()),
        "by_speaker_kind": dict(Counter(pair["kind"] for pair in pairs).most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    """List the quotations to label, or check the labels and print their counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--check", action="store_true", help="check labels.json and count it")
    parser.add_argument("--export", type=Path, help="write the set without its texts to FILE")
    parser.add_argument("--rebuild", type=Path, help="write labels.json from FILE, checking hashes")
    args = parser.parse_args(argv)
    if args.export or args.rebuild:
        return _keep(args.folder, args.export, args.rebuild)
    if args.check:
        labels = json.loads((args.folder / "labels.json").read_text(encoding="utf-8"))
        wrong = problems(args.folder, labels)
        print("\n".join(wrong) if wrong else "labels agree with the texts")
        print(json.dumps(counts(labels), indent=1, ensure_ascii=False))
        return 1 if wrong else 0
    for path in sorted(args.folder.glob("*.txt")):
        print(f"== {path.name}")
        for number, words in enumerate(quotations(path.read_text(encoding="utf-8")), start=1):
            print(f"  {number:>3}. {words[:100]}")
    return 0


def _keep(folder: Path, export: Path | None, rebuild: Path | None) -> int:
    """Export the labelled set without its texts, or rebuild labels.json from the kept set."""
    if export is not None:
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        kept, wrong = devset.export(folder, labels)
        target = export
    else:
        assert rebuild is not None
        kept, wrong = devset.rebuild(folder, json.loads(rebuild.read_text(encoding="utf-8")))
        target = folder / "labels.json"
    if wrong:
        print("\n".join(wrong))
        return 1
    target.write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(kept['articles'])} articles written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
