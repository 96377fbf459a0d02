"""A nationality used as a noun ("the Scot", "the Croat") stands for the one person the sentence
before can hand it to, or for nobody: never for a person called "Scot", nor for someone the
sentence before did something to, brought in unnamed, or a people ("the Swiss voted").

The written corpus counts a quotation it expects no speaker for as right whatever is found, so
these passages say which speaker, or none, each quotation gets.
"""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ('Ivo Kranjc beat Tomas Brenner 10-7 in the final at Harwick on Sunday.\n\nIn defeat, the Scot offered Kranjc his congratulations, saying: "He played the better snooker, so no complaints."', [None]),
        ('Ivo Kranjc beat Ana Ruiz in the final on Sunday.\n\n"It was his day, not mine," the Croat said.', [None]),
        ('Kilby Rovers manager Tomas Brenner signed a striker on Monday.\n\nThe Dane scored twice on his debut, saying afterwards: "I feel at home already."', [None]),
        ('Coach Lena Holt watched from the stands on Sunday.\n\nThe Swiss voted against the stadium plan in a referendum, saying: "We will not pay for a new ground."', [None]),
        ('The crowd in Harwick cheered long after the final whistle.\n\nThe Dane thanked the fans, saying: "This city has carried us all season and we owed it a trophy."', [None]),
        ('Snooker player Tomas Brenner made a fine run to the final, beating the likes of Pavel Novak and Ivo Kranjc along the way.\n\nIn defeat, the Scot offered Lena Holt his congratulations, saying: "She played the better snooker, so no complaints."', ["Tomas Brenner"]),
        ('Tennis player Tomas Brenner thanked coach Ana Ruiz for his fitness.\n\nWith Ruiz, Brenner is confident he can win more titles this year.\n\n"I like to play under pressure," the Scot said of the final.', ["Tomas Brenner"]),
        ('Harbour City manager Tomas Brenner praised his striker after the match.\n\n"He has been outstanding for us all season," the Dane said.', ["Tomas Brenner"]),
    ],
)  # fmt: skip
def test_a_nationality_is_the_one_person_before_it_or_nobody(text, speakers):
    assert [q.speaker for q in extract(text).quotes] == speakers
