"""Load the demo dataset (factdb/demo.toml): a fictional analysis piece, its sources and reviews.

The dataset is data: its records name each other by their keys in the file, and this
module turns it into records through the same domain functions every entry point uses,
in the file's order.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factdb.claims import CitationInput, ClaimInput, save_claim
from factdb.documents import DocumentInput, create_document
from factdb.errors import ValidationFailed
from factdb.models import Citation, Claim, Document, Source, User
from factdb.review import ReviewPolicy, change_status
from factdb.sources import SourceInput, create_source
from factdb.team.demo import add_team_demo
from factdb.users import create_user
from factdb.vocab import Role, Status

#: Printed by `factdb demo`; the demo accounts are meant to be public.
DEMO_PASSWORD = "factdb-demo"  # noqa: S105

DEMO_USERS = [
    ("amira@demo.factdb.org", "Amira Haddad", Role.ADMIN),
    ("jonas@demo.factdb.org", "Jonas Weber", Role.EDITOR),
    ("li@demo.factdb.org", "Li Wei", Role.REVIEWER),
    ("olga@demo.factdb.org", "Ольга Петрова", Role.REVIEWER),
    ("sam@demo.factdb.org", "Sam Okafor", Role.VIEWER),
]

#: Who records the demo's sources, documents and claims unless an entry says `by`.
_RECORDER = "jonas"


@cache
def dataset() -> dict[str, Any]:
    """The demo dataset as the file declares it."""
    return tomllib.loads(files("factdb").joinpath("demo.toml").read_text(encoding="utf-8"))


#: The demo's analysis piece: an article the intake can read.
ANALYSIS_TEXT: str = dataset()["documents"]["analysis"]["full_text"]


def is_empty(session: Session) -> bool:
    """True when the database has no claims, sources, documents or users yet."""
    return not any(
        session.scalar(select(func.count()).select_from(model))
        for model in (Claim, Source, Document, User)
    )


def load_demo(session: Session) -> dict[str, User]:
    """Write the demo dataset into an empty database, in the caller's transaction."""
    if not is_empty(session):
        raise ValidationFailed(
            "The demo data goes into an empty database only; this one already has records."
        )
    users = {
        email.split("@")[0]: create_user(
            session, email=email, name=name, role=role, password=DEMO_PASSWORD
        )
        for email, name, role in DEMO_USERS
    }
    data = dataset()
    sources = _sources(session, users, data["sources"])
    documents = _documents(session, users, data["documents"], sources)
    claims = _claims(session, users, data["claims"], documents, sources)
    _reviews(session, users, data["reviews"], claims)
    add_team_demo(session, users, consulted=claims["consulted"], air_defence=claims["air_defence"],
                  first_operation=claims["first_operation"], planned=claims["planned"],
                  delegation=claims["delegation"], budget=claims["budget"])  # fmt: skip
    return users


def _sources(
    session: Session, users: dict[str, User], entries: dict[str, dict[str, Any]]
) -> dict[str, Source]:
    """Each source, after the one it belongs to (`parent` names an earlier key)."""
    sources: dict[str, Source] = {}
    for key, entry in entries.items():
        fields = dict(entry)
        parent = fields.pop("parent", None)
        fields["parent_id"] = sources[parent].id if parent else None
        by = users[fields.pop("by", _RECORDER)]
        sources[key] = create_source(session, by, SourceInput(**fields))
    return sources


def _documents(
    session: Session,
    users: dict[str, User],
    entries: dict[str, dict[str, Any]],
    sources: dict[str, Source],
) -> dict[str, Document]:
    """Each document; an author is a source's key (`{ source = "..." }`) or a name."""
    documents: dict[str, Document] = {}
    for key, entry in entries.items():
        fields = dict(entry)
        fields["authors"] = [
            sources[author["source"]].id if isinstance(author, dict) else author
            for author in fields.get("authors", [])
        ]
        by = users[fields.pop("by", _RECORDER)]
        documents[key] = create_document(session, by, DocumentInput(**fields))
    return documents


def _claims(
    session: Session,
    users: dict[str, User],
    entries: dict[str, dict[str, Any]],
    documents: dict[str, Document],
    sources: dict[str, Source],
) -> dict[str, Claim]:
    """Each claim with its citations; a citation names its document and speaker by key."""
    claims: dict[str, Claim] = {}
    for key, entry in entries.items():
        citations = []
        for cited in entry.get("citations", []):
            fields = dict(cited)
            fields["document_id"] = documents[fields.pop("document")].id
            speaker = fields.pop("speaker", None)
            fields["speaker_id"] = sources[speaker].id if speaker else None
            citations.append(CitationInput(**fields))
        data = ClaimInput(text=entry["text"], tags=entry.get("tags", []), citations=citations)
        claims[key] = save_claim(session, users[entry.get("by", _RECORDER)], data).claim
    return claims


def _reviews(
    session: Session,
    users: dict[str, User],
    entries: list[dict[str, Any]],
    claims: dict[str, Claim],
) -> None:
    """Each review step in order; `evidence = true` cites every citation of the claim."""
    policy = ReviewPolicy()
    for entry in entries:
        target = claims[entry["claim"]]
        session.flush()
        session.refresh(target)
        evidence = (
            list(session.scalars(select(Citation.id).where(Citation.claim_id == target.id)))
            if entry.get("evidence")
            else []
        )
        change_status(
            session,
            users[entry["by"]],
            target.id,
            to_status=Status(entry["status"]),
            note=entry.get("note", ""),
            evidence_ids=evidence,
            expected_version=target.version,
            policy=policy,
        )
