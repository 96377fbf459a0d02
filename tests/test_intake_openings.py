"""A story that opens on its subject by office ("The embattled minister …") and names them
next: a later "the minister said" is that person, and never someone the opening did not
describe."""

from __future__ import annotations

from factdb.intake.extract import extract
from tests.intake_corpus import CORPUS

CASE = "a-story-opening-on-its-subject-by-office-names-them-next"


def test_the_office_the_story_opened_on_is_the_person_named_next():
    passage = next(p for p in CORPUS if p.get("case") == CASE)
    found = {q.text.rstrip("."): q for q in extract(passage["text"]).quotes}
    minister = found["At no point did I say the country would shut down"]
    assert minister.speaker == "Ines Okafor"
    assert "opened on" in minister.evidence["how"]


def test_an_office_the_opening_never_gave_is_nobody_named():
    # The story opens on a player, not on "the minister": the minister stays unnamed.
    text = (
        "Kilby Rovers won 2-0 on Saturday.\n\nTomas Brenner scored twice in the first half.\n\n"
        '"The stadium will be finished in May," the minister said.'
    )
    (quote,) = extract(text).quotes
    assert quote.speaker != "Tomas Brenner"
