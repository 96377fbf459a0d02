"""Sports copy writes a player's role before the name ("veteran bowler Kemal Osei", "skipper JP
Marlow"), and the recogniser reads many such names as a team or a place; the role makes them a
person's. A description with a nationality ("the Norvian skipper") is never the other side's."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract
from factdb.intake.nationalities import same_country
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


def test_the_skipper_of_one_side_is_never_the_other_sides_named_after():
    text = (
        f"{_OPENING}“We were outplayed in every department,” the Norvian skipper said.\n\n"
        "Kestrian skipper Dane Brixley praised his bowlers. “They kept it tight all day,” "
        "Brixley said."
    )
    found = extract(text).quotes
    assert found[0].speaker_kind == "vague"
    assert "Dane Brixley" not in (found[0].speaker or "")
    assert (found[1].speaker, found[1].speaker_kind) == ("Dane Brixley", "person")


@pytest.mark.parametrize(
    ("side", "description"),
    [("Norvia captain", "the Norvian skipper"), ("Norvian captain", "the Norvian captain")],
)
def test_the_skipper_of_a_nation_is_the_captain_tied_to_it(side, description):
    text = (
        f"{_OPENING}Kestrian skipper Dane Brixley praised his bowlers.\n\n"
        f"“We were outplayed in every department,” {description} said after the match.\n\n"
        f"{side} Tomas Elund had won the toss."
    )
    assert _speakers(text) == [("Tomas Elund", "person")]


@pytest.mark.parametrize(
    ("adjective", "name", "same"),
    [
        ("indian", "india", True),
        ("pakistani", "pakistan", True),
        ("italian", "italy", True),
        ("english", "england", True),
        ("norvian", "norvia", True),
        ("australian", "austria", False),
        ("indian", "indies", False),
        ("kestrian", "norvia", False),
    ],
)
def test_a_nationality_and_its_country(adjective, name, same):
    assert same_country(adjective, name) is same


@pytest.mark.parametrize("role", ["all-rounder", "fly-half", "wicket-keeper", "stand-in"])
def test_a_hyphenated_role_is_one_word(role):
    words = [t.text for t in pipeline().tokenizer(f"Kilby {role} Kemal Osei said")]
    assert words == ["Kilby", role, "Kemal", "Osei", "said"]


def test_a_surname_is_tied_to_the_side_its_full_name_was():
    text = (
        "Norvia stand-in captain Rahul Mehra began his captaincy calmly after Kestria skipper "
        "Dane Brixley won the toss and opted to bowl on Friday.\n\n"
        "Mehra corrected presenter Mark Dunmore when the former Kestria batter remarked that he "
        "was the first pacer to lead Norvia in Test cricket."
    )
    assert _speakers(text) == [("Mark Dunmore", "person")]
