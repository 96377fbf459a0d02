"""A quote the audit does not find in its document was printed in the claim report as the
speaker's words with no warning: the finding now stands beside it, in every output."""

from __future__ import annotations

import pytest

from factdb.export import export
from factdb.vocab import Role


@pytest.mark.parametrize("output", ["markdown", "html"])
def test_a_quote_not_found_carries_the_audit_s_finding(session, make, output):
    editor = make.user(Role.EDITOR)
    document = make.document("Weir report", full_text="The Brannock weir rose two metres in May.")
    speaker = make.source("Ann Quill")
    missing = make.claim(
        editor, "The weir fell.", document=document, quote="the weir fell", speaker=speaker
    )
    found = make.claim(
        editor, "The weir rose.", document=document, quote="weir rose two metres", speaker=speaker
    )
    report = export(
        session, "claim-report", claim_ids=[missing.id, found.id], output=output
    ).content
    assert report.count("audit: quote not in its document") == 1
    before, after = report.split("audit: quote not in its document")
    assert "the weir fell" in before.rsplit("Claim", 1)[-1]
    assert "weir rose two metres" in after
