"""Words two people said jointly: proposed under both names, vague, never as one of them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from factdb.intake import UNNAMED_SOURCE, propose
from factdb.intake.extract import extract
from factdb.intake.scoring import speaker_right

BAKERY = (
    "Harwick bakery wins regional prize\n\n"
    "Maria Lopez and John Peterson opened their bakery on Mill Street in 2009.\n\n"
    '"We are grateful to every customer who queued in the rain," Lopez and Peterson said in a '
    "joint statement on Friday.\n\n"
    'The couple said the prize was "a complete surprise".\n\n'
    'Lopez said the old oven was "older than the town itself".'
)


def _by_text(text: str) -> dict[str, object]:
    return {q.text: q for q in extract(text).quotes if q.kind == "direct"}


def test_names_joined_by_and_speak_jointly_with_both_names_in_the_evidence():
    quotes = _by_text(BAKERY)
    joint = quotes["We are grateful to every customer who queued in the rain"]
    assert (joint.speaker, joint.speaker_kind) == ("Maria Lopez and John Peterson", "vague")
    assert joint.evidence["joint"] == ["Maria Lopez", "John Peterson"]
    assert "said jointly" in joint.evidence["how"]
    # one of them alone is still that person
    alone = quotes["older than the town itself"]
    assert (alone.speaker, alone.speaker_kind) == ("Maria Lopez", "person")
    assert "joint" not in alone.evidence


def test_the_couple_is_the_pair_named_together_before():
    couple = _by_text(BAKERY)["a complete surprise"]
    assert couple.speaker_kind == "vague"
    assert couple.evidence["joint"] == ["Maria Lopez", "John Peterson"]
    assert "named together before" in couple.evidence["how"]


def test_the_two_judges_are_the_judges_named_together_and_nobody_named_stays_vague():
    text = (
        "Appeal court cuts sentence\n\n"
        "Judges Mara Quist and Olaf Berg heard the appeal in March. "
        '"The sentence was manifestly excessive," the two judges wrote.\n\n'
        'Both said the trial had been "otherwise fair".'
    )
    quotes = _by_text(text)
    judges = quotes["The sentence was manifestly excessive"]
    assert judges.speaker_kind == "vague"
    assert judges.evidence["joint"] == ["Mara Quist", "Olaf Berg"]
    both = quotes["otherwise fair"]
    assert both.speaker_kind == "vague" and both.evidence["joint"] == ["Mara Quist", "Olaf Berg"]
    unnamed = _by_text('Fire guts farmhouse\n\nThe couple said they had lost "everything".')
    assert (unnamed["everything"].speaker, unnamed["everything"].speaker_kind) == (
        "couple",
        "vague",
    )


def test_a_joint_row_is_unticked_and_never_recorded_as_one_of_the_pair(session):
    rows = propose(session, BAKERY).quotes
    joint = next(r for r in rows if r.quote.text.startswith("We are grateful"))
    assert not joint.starts_ticked
    assert joint.recorded_speaker == UNNAMED_SOURCE
    assert joint.recorded_role == "Maria Lopez and John Peterson"


def test_the_dry_run_json_carries_both_names(database_url, monkeypatch, tmp_path):
    from factdb.cli import main

    article = tmp_path / "bakery.txt"
    article.write_text(BAKERY, encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    joint = next(q for q in json.loads(result.output)["quotes"] if "queued" in q["text"])
    assert joint["speaker_kind"] == "vague"
    assert joint["evidence"]["joint"] == ["Maria Lopez", "John Peterson"]


def test_scoring_a_joint_label_needs_every_name_and_a_joint_quote_is_no_ones_alone():
    label = {"speaker": "Maria Lopez and John Peterson", "kind": "joint"}
    both = {
        "speaker": "Maria Lopez and John Peterson",
        "speaker_kind": "vague",
        "evidence": {"joint": ["Maria Lopez", "John Peterson"]},
    }
    assert speaker_right(label, both)
    assert speaker_right({"speaker": None, "members": ["Lopez", "Peterson"], "kind": "joint"}, both)
    assert not speaker_right(label, {"speaker": "Maria Lopez", "speaker_kind": "person"})
    person = {"speaker": "Maria Lopez", "kind": "person"}
    assert not speaker_right(person, both)
    assert speaker_right({"speaker": "the couple", "kind": "vague"}, both)
