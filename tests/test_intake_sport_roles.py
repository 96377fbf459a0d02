"""Sports copy writes a player's role before the name ("veteran bowler Kemal Osei", "skipper JP
Marlow"), and the recogniser reads many such names as a team or a place; the role makes them a
person's."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract
from factdb.intake.nlp import pipeline

_OPENING = "Kestria beat Norvia by 40 runs in Halden on Saturday.\n\n"


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    "named",
    [
        "Skipper JP Marlow made an unbeaten century.",
        "Veteran spinner JP Marlow made an unbeaten century.",
        "The chase was led by skipper A.B. Marlow, who made an unbeaten century.",
    ],
)  # fmt: skip
def test_a_name_after_a_players_role_is_a_person_a_later_he_means(named):
    text = f"{_OPENING}{named} “I felt in control from the first ball,” he said."
    name = "A.B. Marlow" if "A.B." in named else "JP Marlow"
    assert _speakers(text) == [(name, "person")]


def test_the_skipper_is_the_person_given_that_role():
    text = (
        f"{_OPENING}Norvian skipper JP Marlow was left to rue a collapse.\n\n"
        "“We lost three wickets in five overs and never recovered,” the Norvian skipper said."
    )
    assert _speakers(text) == [("JP Marlow", "person")]


@pytest.mark.parametrize("role", ["all-rounder", "fly-half", "wicket-keeper", "stand-in"])
def test_a_hyphenated_role_is_one_word(role):
    words = [t.text for t in pipeline().tokenizer(f"Kilby {role} Kemal Osei said")]
    assert words == ["Kilby", role, "Kemal", "Osei", "said"]
