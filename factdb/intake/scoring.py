"""Score quote attribution on labelled real articles, kept outside the repository.

    python -m factdb.intake.scoring DIR [--json] [--misses] [--subprocess]

DIR holds the article texts and a `labels.json`:

    {"articles": [{"file": "01-wire.txt", "outlet": "…", "type": "wire",
                   "pairs": [{"quote": "a distinctive part of the quotation",
                              "speaker": "Lena Holt" | null, "kind": "person|organisation|vague|joint|none",
                              "patterns": ["role-before-name", …], "aliases": ["…"]}]}]}

Every article goes through `factdb ingest FILE --dry-run --format json`, the command a held-out
set is scored with (in this process by default; `--subprocess` starts the command for each file).

A found quote answers at most one labelled pair: the first one not yet answered whose words it
contains. A pair is *found* when some quote answers it, and *right* when that quote's speaker
names the labelled speaker (or an alias; extra words such as a role around the full name are
allowed, a part of the name is not). A vague pair is right when the quote is marked vague or
names the same vague speaker; a pair with no speaker is right when the quote has none.
Words several people said together are labelled `joint` (`"speaker": "Ana Ruiz and Tomas
Brandt"`, or their `members` listed): right when the quote names every one of them (the
intake proposes such words as vague, each name in its evidence's `joint`); a quote said
jointly is never right for a pair labelled with one of its speakers alone.
Recall is right / labelled; speaker accuracy is right / found.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


def fold(value: str | None) -> str:
    """Lower case, typographic apostrophes made plain, punctuation and a leading "the" dropped."""
    text = (value or "").casefold().replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    words = re.sub(r"[^\w\s]", " ", text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _contains_words(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def quote_answers(fragment: str, found: str) -> bool:
    """Does the found quote hold the labelled words (or most of them)?"""
    want, got = fold(fragment), fold(found)
    if not want or not got:
        return False
    return _contains_words(got, want) or (
        _contains_words(want, got) and len(got) >= 0.6 * len(want)
    )


def joint_names(pair: dict) -> list[str]:
    """The names of a pair labelled `joint`: its `members`, else its speaker split at "and"."""
    return pair.get("members") or re.split(r",\s*(?:and\s+)?|\s+and\s+", pair["speaker"] or "")


def speaker_right(pair: dict, found: dict) -> bool:
    """Is the found speaker the labelled one? See the module's docstring."""
    speaker = found.get("speaker")
    if pair["kind"] == "none":
        return not speaker
    joint = [fold(name) for name in (found.get("evidence") or {}).get("joint", [])]
    if pair["kind"] == "joint":
        got = joint or [fold(speaker)]
        return all(any(_contains_words(g, fold(n)) for g in got) for n in joint_names(pair))
    if len(joint) > 1 and pair["kind"] != "vague":
        return False  # words said jointly are not one of the speakers' alone
    if pair["kind"] == "vague" and found.get("speaker_kind") == "vague":
        return True
    names = [pair["speaker"], *pair.get("aliases", [])]
    got = fold(speaker)
    return any(_contains_words(got, fold(name)) for name in names if name)


@dataclass
class Outcome:
    article: str
    pair: dict
    found: dict | None
    right: bool


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    unlabelled: list[tuple[str, dict]] = field(default_factory=list)
    articles: int = 0

    def _ratio(self, outcomes: list[Outcome], of_found: bool = False) -> tuple[int, int]:
        pool = [o for o in outcomes if o.found is not None] if of_found else outcomes
        return sum(o.right for o in pool), len(pool)

    @property
    def recall(self) -> float:
        right, total = self._ratio(self.outcomes)
        return right / total if total else 1.0

    @property
    def speaker_accuracy(self) -> float:
        right, found = self._ratio(self.outcomes, of_found=True)
        return right / found if found else 1.0

    def by(self, key) -> dict[str, tuple[int, int]]:
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            for name in key(outcome):
                groups[name].append(outcome)
        return {name: self._ratio(group) for name, group in sorted(groups.items())}

    def figures(self) -> dict:
        right, total = self._ratio(self.outcomes)
        _, found = self._ratio(self.outcomes, of_found=True)
        return {
            "articles": self.articles,
            "pairs": total,
            "found": found,
            "right": right,
            "recall": round(self.recall, 3),
            "speaker_accuracy": round(self.speaker_accuracy, 3),
            "unlabelled_quotes": len(self.unlabelled),
            "by_pattern": {k: list(v) for k, v in self.by(lambda o: o.pair["patterns"]).items()},
            "by_article_type": {
                k: list(v) for k, v in self.by(lambda o: [o.pair["_type"]]).items()
            },
        }

    def text(self, misses: bool = False) -> str:
        data = self.figures()
        lines = [
            f"{data['articles']} articles, {data['pairs']} labelled quote–speaker pairs",
            f"recall {data['recall']:.3f} ({data['right']} right of {data['pairs']}); "
            f"speaker accuracy {data['speaker_accuracy']:.3f} ({data['right']} right of {data['found']} found); "
            f"{data['unlabelled_quotes']} quotes found that are not labelled",
            "",
            "recall by pattern:",
        ]
        for name, (right, total) in data["by_pattern"].items():
            lines.append(f"  {name:<18} {right:>3}/{total:<3} {right / total:.2f}")
        lines.append("recall by kind of article:")
        for name, (right, total) in data["by_article_type"].items():
            lines.append(f"  {name:<18} {right:>3}/{total:<3} {right / total:.2f}")
        if misses:
            lines.append("")
            for outcome in self.outcomes:
                if outcome.right:
                    continue
                what = "missed" if outcome.found is None else "wrong speaker"
                got = "" if outcome.found is None else f" -> {outcome.found.get('speaker')!r}"
                lines.append(
                    f"{outcome.article}: {what}: {outcome.pair['quote'][:50]!r} by {outcome.pair['speaker']!r}{got}"
                )
        return "\n".join(lines)


def _answered_pair(pending: list[dict], answered: dict[int, dict], found: str) -> int | None:
    """The labelled pair a found quote answers: one whose words open it, where there is one
    (labels give a quotation's first words), else the first it holds. A quotation ending in a
    subheading's words answers its own label, not the subheading's listed before it."""
    candidates = [
        i
        for i, pair in enumerate(pending)
        if i not in answered and quote_answers(pair["quote"], found)
    ]
    got = fold(found)
    opening = (i for i in candidates if got.startswith(fold(pending[i]["quote"])))
    return next(opening, candidates[0] if candidates else None)


def score(labels: dict, found_by_file: dict[str, list[dict]]) -> Report:
    """Compare what was found in each article with its labelled pairs."""
    report = Report(articles=len(labels["articles"]))
    for article in labels["articles"]:
        pending = [{**pair, "_type": article["type"]} for pair in article["pairs"]]
        answered: dict[int, dict] = {}
        for quote in found_by_file.get(article["file"], []):
            index = _answered_pair(pending, answered, quote["text"])
            if index is None:
                report.unlabelled.append((article["file"], quote))
            else:
                answered[index] = quote
        for index, pair in enumerate(pending):
            quote = answered.get(index)
            right = quote is not None and speaker_right(pair, quote)
            report.outcomes.append(Outcome(article["file"], pair, quote, right))
    return report


def _run_in_process(paths: list[Path], database_url: str) -> dict[str, list[dict]]:
    from click.testing import CliRunner

    from factdb.cli import main

    runner = CliRunner()
    env = {"FACTDB_DATABASE_URL": database_url, "FACTDB_SECRET_KEY": "scoring"}
    setup = runner.invoke(main, ["init"], env=env)
    if setup.exit_code != 0:
        raise SystemExit(setup.output)
    found = {}
    for path in paths:
        result = runner.invoke(
            main, ["ingest", str(path), "--dry-run", "--format", "json"], env=env
        )
        if result.exit_code != 0:
            raise SystemExit(f"{path.name}: {result.output}")
        found[path.name] = json.loads(result.stdout)["quotes"]
    return found


def _run_commands(paths: list[Path], database_url: str) -> dict[str, list[dict]]:
    command = [sys.executable, "-m", "factdb.cli"]
    env = {**os.environ, "FACTDB_DATABASE_URL": database_url, "FACTDB_SECRET_KEY": "scoring"}
    subprocess.run([*command, "init"], env=env, check=True, capture_output=True)  # noqa: S603
    found = {}
    for path in paths:
        result = subprocess.run(  # noqa: S603
            [*command, "ingest", str(path), "--dry-run", "--format", "json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        found[path.name] = json.loads(result.stdout)["quotes"]
    return found


def main(argv: list[str] | None = None) -> None:
    """Print the scores of `factdb ingest --dry-run` on a labelled folder of articles."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="folder with the texts and labels.json")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list every pair not right")
    parser.add_argument(
        "--subprocess", action="store_true", help="start `factdb ingest` once for each article"
    )
    args = parser.parse_args(argv)
    labels = json.loads((args.folder / "labels.json").read_text(encoding="utf-8"))
    paths = [args.folder / article["file"] for article in labels["articles"]]
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{folder}/scoring.sqlite"
        run = _run_commands if args.subprocess else _run_in_process
        report = score(labels, run(paths, database_url))
    print(json.dumps(report.figures(), indent=1) if args.json else report.text(args.misses))


if __name__ == "__main__":
    main()
