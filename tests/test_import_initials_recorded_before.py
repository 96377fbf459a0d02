"""An author recorded with initials run together ("LA Quenby") is the same source when a later
import reads the same name as initials ("Quenby, LA" is now L. A.): never a second person.

Earlier imports kept "Quenby, LA" as the source LA Quenby; reading it as "L. A." made every
later import of that author a new source, "L. A. Quenby", beside the first.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.models import Document, Source
from factdb.sources import SourceInput, create_source
from factdb.vocab import SourceKind

RIS = (
    "TY  - JOUR\r\nAU  - Quenby, LA\r\nTI  - Tides of the Harwick estuary\r\n"
    "T2  - Estuary Letters\r\nPY  - 2011\r\nER  - \r\n"
)
BIBTEX = (
    "@article{q1, author = {Quenby, LA}, title = {Tides of the Harwick estuary},"
    " journal = {Estuary Letters}, year = {2011}}\n"
)


@pytest.mark.parametrize(("source", "filename"), [(RIS, "refs.ris"), (BIBTEX, "refs.bib")])
def test_the_source_recorded_with_run_together_initials_is_found(make, session, source, filename):
    recorded = create_source(
        session,
        None,
        SourceInput(
            name="LA Quenby", kind=SourceKind.PERSON, family_name="Quenby", given_name="LA"
        ),
    )
    session.commit()
    earlier = make.document("Silt of the Harwick estuary", authors=[recorded.id])
    items, _ = importer.import_references(session, None, source.encode(), filename=filename)
    session.commit()
    assert list(session.scalars(select(Source.id))) == [recorded.id]
    # no note that L. A. Quenby "may be the same person as" LA Quenby: it is that source
    assert [item.maybe_same for item in items] == [[]]
    document = session.scalar(select(Document).where(Document.id != earlier.id))
    apa = export(session, "apa", claim_ids=[], document_ids=[document.id], output="text").content
    assert apa.startswith("Quenby, L. A. (2011)."), apa
