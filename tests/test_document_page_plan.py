"""A document page's findings are read by a statement PostgreSQL plans once, not at every page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text

from factdb.vocab import Role
from factdb.web.database import database


def _findings_statements(app: Any, client: Any, urls: list[str]) -> list[str]:
    """Request `urls` and give the statements that read audit findings."""
    engine = database(app).engine
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "audit_finding" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        for url in urls:
            assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def test_a_document_pages_findings_are_planned_once_for_every_document(
    app, client, auth, make, session
):
    """Bound, the rules and the claims' array made PostgreSQL's plan for every run cost more
    than the plans for each run's values, so it planned the statement at every page (1-1.5 ms
    of planning for 0.7 ms of running at 100,000 claims)."""
    editor = make.user(Role.EDITOR, email="ed@example.org")
    documents = [make.document(f"Harbour report {n}") for n in range(4)]
    for n, document in enumerate(documents):
        for m in range(n + 2):  # each document cited by another number of claims
            make.claim(editor, f"The harbour dredging cost {n} {m} million", document=document)
    auth.login("ed@example.org")
    urls = [f"/documents/{document.id}" for document in documents] * 4
    statements = _findings_statements(app, client, urls)
    assert statements
    # The rules are constants of the code, written into the statement for the planner.
    assert "'SOURCE_UNGRADED'" in statements[0] and "'CITATION_INCOMPLETE'" in statements[0]
    engine = database(app).engine
    if engine.dialect.name != "postgresql":
        return
    assert len(set(statements)) == 1, "one statement for every document"
    # The page's claims are read as the document's citations, which the planner counts alike
    # for every run (from the array alone it counted ten where a document had six or seven).
    assert "citation.document_id = %(document_id)s" in statements[0]
    with engine.connect() as connection:
        plans = connection.execute(
            text(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement LIKE '%audit_finding%' AND NOT from_sql"
            )
        ).all()
    # psycopg prepares it at its fifth use; PostgreSQL plans five runs for their values, then
    # keeps one plan when it costs no more than theirs did.
    assert plans and plans[0].generic_plans > 0, plans
