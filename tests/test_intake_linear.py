"""The reading grows with the text, not with its square: one long paragraph of many quotations
(a repeated sentence, a pasted transcript) once cost minutes."""

from __future__ import annotations

import time

import pytest

from factdb.errors import ValidationFailed
from factdb.intake.article import ParsedArticle
from factdb.intake.extract import extract
from factdb.intake.mentions import PERSON, Mention, Mentions
from factdb.intake.nlp import pipeline
from factdb.intake.spans import entities_from, entities_within, entity_over

_SENTENCE = '"We will build the bridge by 2027," Mayor Ana Ruiz said on Tuesday. The council met. '


def _counted(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Count the calls of a function while keeping what it does."""
    calls = [0]
    original = getattr(owner, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_tokens_read_per_quotation_do_not_grow_with_the_paragraph(monkeypatch):
    calls = _counted(monkeypatch, ParsedArticle, "_quoted")
    counts = []
    for repeats in (30, 120):
        calls[0] = 0
        found = extract(_SENTENCE * repeats)
        assert [q.speaker for q in found.quotes] == ["Ana Ruiz"] * repeats
        counts.append(calls[0])
    # four times the text: about four times the tokens looked at (it was sixteen times)
    assert counts[1] <= 6 * counts[0], counts


class _CountedName(str):
    """A name that counts how often it is read letter by letter."""

    reads = 0

    def casefold(self) -> str:
        _CountedName.reads += 1
        return str(self).casefold()

    def isupper(self) -> bool:
        _CountedName.reads += 1
        return str(self).isupper()


def test_a_name_mentioned_often_is_looked_up_without_reading_every_mention():
    found = Mentions()
    for index in range(400):
        found.add(Mention(index * 100, index, _CountedName("Ana Ruiz"), PERSON, "mayor"))
    found.sort()
    _CountedName.reads = 0
    for index in range(400):
        assert found.full_name("Ana Ruiz", index * 100 + 50) == "Ana Ruiz"
        assert found.full_name("Ruiz", index * 100 + 50) == "Ana Ruiz"
    # one person named 400 times is one name: it was read once per mention per look-up
    assert _CountedName.reads <= 400 * 2 * 2, _CountedName.reads


def test_entities_read_from_the_tokens_are_the_recognisers():
    doc = pipeline()(
        "Mayor Ana Ruiz of Harwick met Nordwind Energy CFO Lena Holt in Oslo on Tuesday. "
        "Ivo Brandt of the Harwick Rovers said nothing."
    )
    assert [(e.start, e.end, e.label_) for e in entities_from(doc, 0, len(doc))] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    for sentence in doc.sents:
        assert [(e.start, e.end) for e in entities_within(sentence)] == [
            (e.start, e.end) for e in sentence.ents
        ]
    for token in doc:
        over = [(e.start, e.end, e.label_) for e in doc.ents if e.start <= token.i < e.end]
        got = entity_over(token)
        assert over == ([(got.start, got.end, got.label_)] if got is not None else [])


@pytest.mark.parametrize(
    "text",
    [
        '"' * 6000,  # a paste of quotation marks: one word the tokenizer cut a mark at a time
        "=" * 6000,  # a rule of equals signs
        "Ostra" + "'s" * 3000,  # a possessive repeated
        ("Word " * 40 + "(" * 3000 + " ") * 2,  # a run of brackets amid words
    ],
    ids=["quotation-marks", "equals-signs", "possessives", "brackets"],
)
def test_a_long_run_of_marks_is_read_in_seconds_not_minutes(text):
    """spaCy's tokenizer splits a mark off a word one at a time, rereading the rest of the
    word each time: 6,000 marks cost it over a minute (a few kilobytes pasted into the form)."""
    pipeline()  # loaded before the clock starts
    started = time.perf_counter()
    found = extract(text)
    assert time.perf_counter() - started < 5
    assert found.claims == []


def test_a_paragraph_of_thousands_of_short_quotations_is_refused_at_once():
    """Each quotation is read against its whole paragraph: 1,500 quotations in one paragraph
    (9 KB) cost minutes. More than a paragraph can hold is refused, saying so."""
    pipeline()
    started = time.perf_counter()
    with pytest.raises(
        ValidationFailed, match="holds 1,500 quotations; a paragraph may hold at most 200"
    ):
        extract('"a ' * 3000)
    assert time.perf_counter() - started < 2
    assert len(extract('"We met," she said. ' * 150).quotes) == 150  # a long paragraph still reads
