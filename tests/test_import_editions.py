"""Two editions at one address are two documents: an import keeps both, and so does the form."""

from __future__ import annotations

import pytest

from factdb import importer
from factdb.document_entry import add_document
from factdb.documents import DocumentInput
from factdb.errors import AlreadyRecorded

_EDITIONS = r"""@misc{hsmm9,
  title={Harbour Safety Maturity Model 9 (HSMM)},
  author={Quillon, Ada and Brask, Tomas},
  howpublished = "\url{https://www.hsmm.example/}",
  note={Last accessed 2018-05-22}
}

@misc{hsmm11,
  title={Harbour Safety Maturity Model 11 (HSMM)},
  author={Quillon, Ada and Brask, Tomas},
  howpublished = "\url{https://www.hsmm.example/}",
  note={Last accessed 2020-12-22}
}
"""


def test_two_editions_sharing_an_address_in_one_file_are_both_kept(session):
    items, result = importer.import_references(
        session, None, _EDITIONS.encode(), format_name="bibtex"
    )
    assert [(item.action, item.reason) for item in items] == [("create", ""), ("create", "")]
    assert sorted(d.title for d in result.created) == [
        "Harbour Safety Maturity Model 11 (HSMM)",
        "Harbour Safety Maturity Model 9 (HSMM)",
    ]


def test_an_edition_at_the_address_of_a_recorded_one_is_another_document(session, make):
    make.document("Harbour Safety Maturity Model 9 (HSMM)", url="https://hsmm.example")
    items, _ = importer.import_references(
        session, None, _EDITIONS.encode(), format_name="bibtex", dry_run=True
    )
    assert [(item.action, item.reason) for item in items] == [("match", "URL"), ("create", "")]


STORY, SITE = "https://gazette.example/story", "https://www.gazette.example/"


@pytest.mark.parametrize(
    ("url", "recorded", "typed", "same"),
    [
        (STORY, "Pier to reopen in May", "Pier to reopen in May | Harbour Gazette", True),
        (STORY, "Budget 2026: what changes", "Budget 2026: what changes, 3 March", True),
        (STORY, "Ferry fares rise again", "Ferry fares rise", True),
        # A headline rewritten at its own address is still the article.
        (STORY, "Ferry fares rise again", "Council caps ferry fares", True),
        (STORY, "Annual report 2024", "Annual report 2025", False),
        (SITE, "Ferry fares rise again", "Ferry fares rise", True),
        # A site's home page stands for every piece on it.
        (SITE, "Ferry fares rise again", "Council elects a new mayor", False),
    ],
)
def test_a_title_at_a_recorded_address_is_the_same_document_unless_clearly_different(
    session, make, url, recorded, typed, same
):
    make.document(recorded, url=url)
    data = DocumentInput(title=typed, url=url.replace("https://www.", "http://") + "?utm_medium=x")
    if same:
        with pytest.raises(AlreadyRecorded):
            add_document(session, None, data)
    else:
        assert add_document(session, None, data).title == typed
