"""Documents and speakers named in a claim's citations, found or created once each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from factdb.documents import DocumentInput, create_document, find_document
from factdb.models import Document, Source, User
from factdb.source_kinds import guess_source_kind
from factdb.sources import SourceInput, create_source, find_source

if TYPE_CHECKING:
    from factdb.claims.write import CitationInput, SaveResult


class Resolver:
    """Finds a citation's document and speaker by id, or by typed name, creating new ones once each."""

    def __init__(self, session: Session, user: User, result: SaveResult) -> None:
        self.session, self.user, self.result = session, user, result
        self.documents: dict[str, Document] = {}
        self.sources: dict[str, Source] = {}

    def document(self, entry: CitationInput) -> Document:
        if entry.document_id is not None:  # checked to exist when the citation was validated
            return self.session.get_one(Document, entry.document_id)
        url = entry.new_document.url if entry.new_document else ""
        key = f"{entry.document}\n{url}"
        found = self.documents.get(key) or self._recorded(entry.document, url)
        if found is None:
            details = entry.new_document or DocumentInput(title=entry.document)
            details.title = entry.document
            found = create_document(self.session, self.user, details)
            self.result.new_documents.append(found)
        self.documents[key] = found
        return found

    def _recorded(self, title: str, url: str) -> Document | None:
        """The recorded document a citation means: by address when it gives one, else by title.

        A new document's address decides: a recorded namesake at another address is another
        document (two outlets' "Annual report"), not the one meant.
        """
        return find_document(self.session, url if url else title)

    def speaker(self, entry: CitationInput) -> Source | None:
        if entry.speaker_id is not None:
            return self.session.get_one(Source, entry.speaker_id)
        if not entry.speaker:
            return None
        found = self.sources.get(entry.speaker) or find_source(self.session, entry.speaker)
        if found is None:
            kind = entry.new_speaker_kind or guess_source_kind(entry.speaker)
            found = create_source(
                self.session,
                self.user,
                SourceInput(
                    name=entry.speaker,
                    kind=kind,
                    role=entry.new_speaker_role,
                    parent_id=entry.new_speaker_parent_id,
                ),
            )
            self.result.new_sources.append(found)
        self.sources[entry.speaker] = found
        return found
