"""The scoring of attribution on labelled articles: what counts as found, right and wrong."""

from __future__ import annotations

import json

from factdb.intake.scoring import fold, main, quote_answers, score, speaker_right

LABELS = {
    "articles": [
        {
            "file": "a.txt",
            "type": "wire",
            "pairs": [
                {"quote": "We will rebuild", "speaker": "Lin Hua", "kind": "person",
                 "patterns": ["role-before-name"]},
                {"quote": "The bridge stays shut", "speaker": "Lin Hua", "kind": "person",
                 "patterns": ["continuation"]},
                {"quote": "not safe", "speaker": "officials", "kind": "vague", "patterns": ["vague"]},
                {"quote": "Nobody told us", "speaker": None, "kind": "none", "patterns": ["unattributed"]},
            ],
        }
    ]
}  # fmt: skip


def test_names_fold_apostrophes_possessives_and_the():
    assert fold("The Norway’s Foreign Ministry") == "norway foreign ministry"


def test_a_quote_answers_a_label_it_contains_or_most_of_it():
    assert quote_answers("We will rebuild", "We will rebuild the bridge,")
    assert quote_answers("We will rebuild the old town", "will rebuild the old")
    assert not quote_answers("We will rebuild the old town", "rebuild")


def test_a_role_around_the_full_name_is_right_a_surname_alone_is_not():
    pair = LABELS["articles"][0]["pairs"][0]
    assert speaker_right(pair, {"speaker": "spokesperson Lin Hua"})
    assert not speaker_right(pair, {"speaker": "Hua"})
    assert not speaker_right(pair, {"speaker": None})


def test_recall_and_speaker_accuracy():
    found = {
        "a.txt": [
            # one long quote that swallowed two labelled ones answers only the first
            {"text": "We will rebuild. The bridge stays shut", "speaker": "Lin Hua"},
            {"text": "not safe", "speaker": "Sweden", "speaker_kind": "vague"},
            {"text": "Nobody told us", "speaker": "Lin Hua"},
            {"text": "a scare quote", "speaker": None},
        ]
    }
    report = score(LABELS, found)
    assert [o.right for o in report.outcomes] == [True, False, True, False]
    assert report.outcomes[1].found is None
    assert report.recall == 0.5
    assert report.speaker_accuracy == 2 / 3
    assert len(report.unlabelled) == 1
    figures = report.figures()
    assert figures["by_pattern"]["continuation"] == [0, 1]
    assert figures["by_article_type"]["wire"] == [2, 4]


def test_the_command_scores_a_folder_through_factdb_ingest(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(
        '"We will rebuild the town," spokesperson Lin Hua said on Monday.\n', encoding="utf-8"
    )
    labels = {"articles": [{**LABELS["articles"][0], "pairs": LABELS["articles"][0]["pairs"][:1]}]}
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    main([str(tmp_path), "--json"])
    figures = json.loads(capsys.readouterr().out)
    assert figures["pairs"] == 1 and figures["found"] == 1
    assert figures["recall"] == 1.0 and figures["speaker_accuracy"] == 1.0


def test_a_quote_answers_the_label_that_opens_it_before_one_it_merely_ends_with():
    labels = {
        "articles": [
            {
                "file": "b.txt",
                "type": "business",
                "pairs": [
                    {"quote": "Alternatives to closure", "speaker": None, "kind": "none"},
                    {"quote": "We ask the council to find", "speaker": "Tom Baylis",
                     "kind": "person"},
                ],
            }
        ]
    }  # fmt: skip
    found = {
        "b.txt": [
            {"text": "We ask the council to find alternatives to closure.", "speaker": "Tom Baylis"}
        ]
    }
    report = score(labels, found)
    assert [o.found is not None for o in report.outcomes] == [False, True]
    assert [o.right for o in report.outcomes] == [False, True]
