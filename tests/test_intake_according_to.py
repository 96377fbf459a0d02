"""`according to` a rank, a name and a role: the person, the role kept for later quotes."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _found(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.speaker_role, q.kind) for q in extract(text).quotes]


def test_the_rank_and_the_role_stay_with_the_surname_and_the_role_after():
    text = (
        "The regiment left the base on Monday, according to Lt. Col. Jane Doe, a spokeswoman "
        'for the regiment.\n\n"The convoy reached the border by noon," Doe said.\n\n'
        '"Nobody was hurt," said Doe.\n\n"We expect to return in May," the spokeswoman said.'
    )
    role = "Lt. Col., spokeswoman for the regiment"
    assert _found(text) == [("Jane Doe", role, "indirect")] + [("Jane Doe", role, "direct")] * 3


def test_a_rank_and_the_body_it_serves_are_one_role():
    text = (
        "The suspect was arrested at his home, according to Det. Sgt. Ann Roe of the county "
        'police. "He did not resist," Roe said.'
    )
    assert _found(text)[0] == ("Ann Roe", "Det. Sgt. of the county police", "indirect")
    assert _found(text)[1][0] == "Ann Roe"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ('According to Sgt. First Class Ole Brekke, a platoon leader, the road was "mined in three places."',
         "Ole Brekke", "Sgt. First Class, platoon leader"),
        ('According to Maj. Gen. Tomas Brenner, the commander of the northern brigade, the bridge "is secure."',
         "Tomas Brenner", "Maj. Gen., commander of the northern brigade"),
        ('"The bridge held," said Chief Warrant Officer 2 Ana Ruiz, a helicopter pilot.',
         "Ana Ruiz", "Chief Warrant Officer 2, helicopter pilot"),
        ('"We are ready," Petty Officer Second Class Tom Hale told reporters.',
         "Tom Hale", "Petty Officer Second Class"),
    ],
)  # fmt: skip
def test_a_long_rank_is_the_role_never_part_of_the_name(text, speaker, role):
    assert _found(text) == [(speaker, role, "direct")]


def test_a_later_surname_keeps_the_role_the_according_to_phrase_gave():
    text = (
        "According to Sgt. First Class Ole Brekke, a platoon leader, the road was "
        '"mined in three places." Brekke said the engineers "cleared it in a day."'
    )
    assert [q[:2] for q in _found(text)] == [("Ole Brekke", "Sgt. First Class, platoon leader")] * 2


def test_according_to_inside_a_sentence_reports_nothing_on_its_own():
    # The words around a mid-sentence "according to" are not one clause it reports.
    text = "The regiment, according to Lt. Col. Jane Doe, left the base and then returned."
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("According to Sgt. Ana Ruiz with the Harwick Police Department, the shed was set on fire "
         "before dawn.", "Sgt. with the Harwick Police Department"),
        ('"We found it," said Sgt. Ana Ruiz of the county police.', "Sgt. of the county police"),
        ('"We found it," said Dr. Ana Ruiz of the county hospital.', "of the county hospital"),
    ],
)  # fmt: skip
def test_a_rank_goes_with_the_body_named_after_the_name_a_courtesy_does_not(text, role):
    assert _found(text)[0][:2] == ("Ana Ruiz", role)
