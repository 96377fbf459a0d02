"""The development set is kept as addresses, hashes and offsets, and rebuilt from saved texts."""

from __future__ import annotations

import json

from factdb.intake import devset
from factdb.intake.labelling import main, problems

TEXT = (
    'Coach Ana Ruiz: "We were ready."\n\n'
    'The club said: "We were ready." Ruiz added that "the board\nagreed."\n'
)
LABELS = {
    "articles": [
        {
            "file": "01.txt",
            "url": "https://example.org/ruiz",
            "outlet": "Example",
            "type": "sport",
            "pairs": [
                {"quote": "We were ready", "speaker": "Ana Ruiz", "kind": "person", "patterns": []},
                {"quote": "We were ready", "speaker": "club", "kind": "organisation",
                 "patterns": ["statement"]},
                {"quote": "the board agreed", "speaker": "Ana Ruiz", "kind": "person",
                 "patterns": ["partial"], "aliases": ["Ruiz"]},
            ],
        }
    ]
}  # fmt: skip


def test_export_keeps_offsets_and_a_hash_but_no_text(tmp_path):
    (tmp_path / "01.txt").write_text(TEXT, encoding="utf-8")
    kept, problems = devset.export(tmp_path, LABELS)
    assert problems == []
    article = kept["articles"][0]
    assert article["address"] == "https://example.org/ruiz"
    assert article["sha256"] == devset.digest(TEXT)
    spans = [(label["start"], label["end"]) for label in article["labels"]]
    assert [TEXT[start:end] for start, end in spans] == [
        "We were ready",
        "We were ready",
        "the board\nagreed",
    ]
    assert spans[0] != spans[1]  # the same words labelled twice stand in two places
    assert "We were ready" not in json.dumps(kept)


def test_rebuild_gives_back_the_labels_and_refuses_a_changed_text(tmp_path):
    (tmp_path / "01.txt").write_text(TEXT, encoding="utf-8")
    kept, _ = devset.export(tmp_path, LABELS)
    labels, problems = devset.rebuild(tmp_path, kept)
    assert problems == []
    assert [" ".join(p["quote"].split()) for p in labels["articles"][0]["pairs"]] == [
        "We were ready",
        "We were ready",
        "the board agreed",
    ]
    assert labels["articles"][0]["pairs"][2]["aliases"] == ["Ruiz"]
    (tmp_path / "01.txt").write_text(TEXT.replace("ready", "set"), encoding="utf-8")
    _, problems = devset.rebuild(tmp_path, kept)
    assert problems and "sha256" in problems[0]


def test_the_command_exports_and_rebuilds(tmp_path):
    (tmp_path / "01.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps(LABELS), encoding="utf-8")
    kept = tmp_path / "set.json"
    assert main([str(tmp_path), "--export", str(kept)]) == 0
    (tmp_path / "labels.json").unlink()
    assert main([str(tmp_path), "--rebuild", str(kept)]) == 0
    assert main([str(tmp_path), "--check"]) == 0


def test_the_check_takes_words_said_jointly_as_the_scoring_does(tmp_path):
    (tmp_path / "01.txt").write_text('"We agree," Ana Ruiz and Tomas Brandt said.\n')
    pair = {"quote": "We agree", "speaker": "Ana Ruiz and Tomas Brandt", "kind": "joint",
            "patterns": ["joint"]}  # fmt: skip
    labels = {"articles": [{"file": "01.txt", "outlet": "Example", "type": "local",
                            "pairs": [pair]}]}  # fmt: skip
    assert problems(tmp_path, labels) == []
