"""Two people saving claims that cite the same document at the same moment.

Each commit recomputes its claim's findings and stores the quote checks it made;
the two transactions then insert the same check rows and update the same counts.
On PostgreSQL both transactions hold their rows until both are ready to commit: taken in
different orders, those row locks deadlock, and one save fails. SQLite takes one writer
at a time, so there the two saves start together and the second waits for the first.
"""

from __future__ import annotations

import threading

from sqlalchemy import select

from factdb.audit.rebuild import rebuild
from factdb.claims import CitationInput, ClaimInput, save_claim
from factdb.models import AuditFinding, Claim, User
from factdb.vocab import Role
from factdb.web.database import database

TEXT = "The harbour will reopen in March after repairs, the minister said on Tuesday."
QUOTES = [f"the harbour will reopen in month {number} after the works" for number in range(40)]


def _kept(session) -> list[tuple]:
    rows = session.scalars(select(AuditFinding)).all()
    return sorted((r.rule, r.claim_id, r.citation_id, r.document_id, r.message) for r in rows)


def test_concurrent_saves_citing_one_document_both_commit(app, session, make):
    # Holding both transactions open until both have written is only possible where
    # writers overlap; SQLite's second writer would wait for the first for ever.
    overlap = session.get_bind().dialect.name == "postgresql"
    editor = make.user(Role.EDITOR)
    document = make.document("Harbour statement", full_text=TEXT, publisher="Port News")
    writer = database(app).writer
    errors: list[BaseException] = []

    def save(claim_id: int, quotes: list[str], barrier: threading.Barrier) -> None:
        try:
            if not overlap:
                barrier.wait(timeout=30)
            with writer() as own:
                claim = own.get(Claim, claim_id)
                citations = [CitationInput(document_id=document.id, quote=q) for q in quotes]
                save_claim(own, own.get(User, editor.id), ClaimInput(text=claim.text, citations=citations),
                           claim_id=claim_id, expected_version=claim.version)  # fmt: skip
                own.flush()
                if overlap:
                    barrier.wait(timeout=30)
                own.commit()  # the findings, quote checks and counts are written here
        except BaseException as error:
            errors.append(error)

    # Edits, not new claims: a new claim waits for the other's count of unverified claims.
    first, second = make.claim(editor, "First claim").id, make.claim(editor, "Second claim").id
    for round_ in range(8):
        # The same new quotes, in opposite orders: each writer stores its checks in its order.
        quotes = [f"{quote} ({round_})" for quote in QUOTES]
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=save, args=(first, quotes, barrier)),
            threading.Thread(target=save, args=(second, quotes[::-1], barrier)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
    session.rollback()
    kept = _kept(session)
    rebuild(session)
    assert _kept(session) == kept
    session.rollback()
