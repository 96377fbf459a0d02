"""Test data with sensible defaults, built through the same domain functions the app uses."""

from __future__ import annotations

from itertools import count

from sqlalchemy.orm import Session

from factdb.claims import CitationInput, ClaimInput, get_claim, save_claim
from factdb.documents import DocumentInput, create_document
from factdb.models import Claim, Document, Source, User
from factdb.review import ReviewPolicy, change_status
from factdb.sources import SourceInput, create_source
from factdb.users import create_user
from factdb.vocab import DocumentType, Relation, Role, SourceKind, Status

PASSWORD = "correct horse battery"
_serial = count(1)


class Factory:
    def __init__(self, session: Session) -> None:
        self.session = session

    def commit(self) -> None:
        self.session.commit()

    def user(self, role: Role = Role.EDITOR, email: str | None = None, name: str = "") -> User:
        number = next(_serial)
        user = create_user(
            self.session,
            email=email or f"{role.value}{number}@example.org",
            name=name or f"{role.label} {number}",
            role=role,
            password=PASSWORD,
        )
        self.session.commit()
        return user

    def source(
        self, name: str = "", kind: SourceKind = SourceKind.PERSON, by: User | None = None, **fields
    ) -> Source:
        source = create_source(
            self.session,
            by,
            SourceInput(name=name or f"Source {next(_serial)}", kind=kind, **fields),
        )
        self.session.commit()
        return source

    def document(self, title: str = "", by: User | None = None, **fields) -> Document:
        fields.setdefault("doc_type", DocumentType.NEWS_ARTICLE)
        document = create_document(
            self.session, by, DocumentInput(title=title or f"Document {next(_serial)}", **fields)
        )
        self.session.commit()
        return document

    def claim(
        self,
        by: User,
        text: str = "",
        *,
        document: Document | None = None,
        speaker: Source | None = None,
        relation: Relation = Relation.ASSERTS,
        quote: str = "",
        tags: list[str] | None = None,
        citations: list[CitationInput] | None = None,
    ) -> Claim:
        if citations is None:
            citations = []
            if document is not None:
                citations.append(
                    CitationInput(
                        document_id=document.id,
                        speaker_id=speaker.id if speaker else None,
                        relation=relation,
                        quote=quote,
                    )
                )
        result = save_claim(
            self.session,
            by,
            ClaimInput(
                text=text or f"Claim number {next(_serial)}", tags=tags or [], citations=citations
            ),
        )
        self.session.commit()
        claim = get_claim(self.session, result.claim.id)
        self.session.commit()  # end the read, so the app under test can write meanwhile
        return claim

    def set_status(
        self,
        claim: Claim,
        by: User,
        status: Status,
        note: str = "",
        evidence: list[int] | None = None,
    ) -> Claim:
        current = get_claim(self.session, claim.id)
        change_status(
            self.session,
            by,
            claim.id,
            to_status=status,
            note=note,
            evidence_ids=evidence if evidence is not None else [c.id for c in current.citations],
            expected_version=current.version,
            policy=ReviewPolicy(),
        )
        self.session.commit()
        claim = get_claim(self.session, claim.id)
        self.session.commit()
        return claim
