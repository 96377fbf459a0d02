"""Load the demo dataset (factdb/demo.toml): a fictional analysis piece, its sources and reviews.

The dataset is data: its records name each other by their keys in the file, and this
module turns it into records through the same domain functions every entry point uses,
in the file's order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
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
    demo = _Demo(session, users)
    data = dataset()
    for key, entry in data["sources"].items():
        demo.add_source(key, dict(entry))
    for key, entry in data["documents"].items():
        demo.add_document(key, dict(entry))
    for key, entry in data["claims"].items():
        demo.add_claim(key, dict(entry))
    for entry in data["reviews"]:
        demo.review(entry)
    claims = demo.claims
    add_team_demo(session, users, consulted=claims["consulted"], air_defence=claims["air_defence"],
                  first_operation=claims["first_operation"], planned=claims["planned"],
                  delegation=claims["delegation"], budget=claims["budget"])  # fmt: skip
    return users


@dataclass
class _Demo:
    """The records loaded so far, by their keys in the file, for the entries that name them."""

    session: Session
    users: dict[str, User]
    sources: dict[str, Source] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    policy: ReviewPolicy = field(default_factory=ReviewPolicy)

    def recorder(self, fields: dict[str, Any]) -> User:
        return self.users[fields.pop("by", _RECORDER)]

    def add_source(self, key: str, fields: dict[str, Any]) -> None:
        """Add a source after the one it belongs to (`parent` names an earlier key)."""
        parent = fields.pop("parent", None)
        fields["parent_id"] = self.sources[parent].id if parent else None
        user = self.recorder(fields)
        self.sources[key] = create_source(self.session, user, SourceInput(**fields))

    def add_document(self, key: str, fields: dict[str, Any]) -> None:
        """Add a document; an author is a source's key (`{ source = "..." }`) or a name."""
        fields["authors"] = [
            self.sources[author["source"]].id if isinstance(author, dict) else author
            for author in fields.get("authors", [])
        ]
        user = self.recorder(fields)
        self.documents[key] = create_document(self.session, user, DocumentInput(**fields))

    def add_claim(self, key: str, fields: dict[str, Any]) -> None:
        """Add a claim with its citations, each naming its document and speaker by key."""
        user = self.recorder(fields)
        fields["citations"] = [self._citation(dict(cited)) for cited in fields.get("citations", [])]
        self.claims[key] = save_claim(self.session, user, ClaimInput(**fields)).claim

    def _citation(self, fields: dict[str, Any]) -> CitationInput:
        fields["document_id"] = self.documents[fields.pop("document")].id
        speaker = fields.pop("speaker", None)
        fields["speaker_id"] = self.sources[speaker].id if speaker else None
        return CitationInput(**fields)

    def review(self, entry: dict[str, Any]) -> None:
        """Take one review step; `evidence = true` cites every citation of the claim."""
        target = self.claims[entry["claim"]]
        self.session.flush()
        self.session.refresh(target)
        evidence = (
            list(self.session.scalars(select(Citation.id).where(Citation.claim_id == target.id)))
            if entry.get("evidence")
            else []
        )
        change_status(
            self.session,
            self.users[entry["by"]],
            target.id,
            to_status=Status(entry["status"]),
            note=entry.get("note", ""),
            evidence_ids=evidence,
            expected_version=target.version,
            policy=self.policy,
        )
