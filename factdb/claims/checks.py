"""Checks of a claim's input against its declaration, before anything is written.

The write path (factdb.claims.write) refuses a save with every problem found here; the API
asks for the claim's own problems when its citations could not even be read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM, MAX_TAG_LENGTH, MAX_TAGS
from factdb.declarations.source import SOURCE
from factdb.documents import find_document, suggest_documents
from factdb.errors import ValidationFailed
from factdb.models import Document, Source
from factdb.text import clean_line, split_tags, tag_name

if TYPE_CHECKING:
    from factdb.claims.write import CitationInput, ClaimInput


def claim_problems(data: ClaimInput) -> dict[str, str]:
    """What is wrong with the claim's own fields (not its citations), without saving anything.

    The API names these beside problems it found reading the citations, so a body is
    refused once with every field at fault.
    """
    return validate_claim(
        replace(data, tags=list(data.tags) if isinstance(data.tags, list) else data.tags)
    )


def validate_claim(data: ClaimInput) -> dict[str, str]:
    """Check the claim's own fields against the declaration; tidy them in place."""
    errors: dict[str, str] = {}
    try:
        values = CLAIM.validate({"text": data.text, "context": data.context})
        data.text, data.context = values["text"], values["context"]
    except ValidationFailed as refused:
        errors.update(refused.fields)
    if not isinstance(data.tags, list) or not all(isinstance(tag, str) for tag in data.tags):
        errors["tags"] = "Expected a list of text."
        return errors
    if any(len(tag_name(tag)) > MAX_TAG_LENGTH for tag in ",".join(data.tags).split(",")):
        errors["tags"] = f"Keep each tag under {MAX_TAG_LENGTH} characters."
        return errors
    data.tags = split_tags(",".join(data.tags))
    if len(data.tags) > MAX_TAGS:
        errors["tags"] = f"A claim takes at most {MAX_TAGS} tags; {len(data.tags)} were given."
    return errors


def validate_citation(session: Session, index: int, entry: CitationInput) -> dict[str, str]:
    """Check a citation against the declaration; its document and speaker must exist."""
    prefix = f"citations-{index}-"
    errors: dict[str, str] = {}
    role = entry.speaker_role
    try:
        values = CITATION.validate(
            {name: getattr(entry, name) for name in CITATION.by_name} | {"speaker_role": role or ""}
        )
    except ValidationFailed as refused:
        values = {}
        for name, message in refused.fields.items():
            spec = CITATION.by_name.get(name)
            errors[prefix + (spec.text_name if spec and spec.references else name)] = message
    for name, value in values.items():
        if name != "speaker_role" or role is not None:
            setattr(entry, name, value)
    entry.document, entry.speaker = clean_line(entry.document), clean_line(entry.speaker)
    for spec, model in ((CITATION["document_id"], Document), (CITATION["speaker_id"], Source)):
        wanted = values.get(spec.name)
        if wanted is not None and session.get(model, wanted) is None:
            errors[prefix + spec.text_name] = f"There is no {spec.references} {wanted}."
    if entry.document_id is None and not entry.document:
        errors[prefix + "document"] = "Choose a document, or type the title of a new one."
    elif entry.document_id is None and not entry.new_document_confirmed:
        unpicked = _unpicked_document(session, entry)
        if unpicked:
            errors[prefix + "document"] = unpicked
    if len(entry.speaker) > (limit := SOURCE["name"].max_length or 0):  # a new one is a source
        errors[prefix + "speaker"] = f"Keep the speaker's name under {limit:,} characters."
    return errors


def _unpicked_document(session: Session, entry: CitationInput) -> str:
    """Ask which document is meant when the typed title is part of recorded ones; else "".

    A new document's own address says it is new; an exact title or address names a
    recorded one. Otherwise a text found inside recorded titles is most likely a fragment
    typed before a suggestion was picked.
    """
    if (entry.new_document and entry.new_document.url) or find_document(session, entry.document):
        return ""
    like = suggest_documents(session, entry.document, limit=3)
    if not like:
        return ""
    titles = ", ".join(f"“{document.title}”" for document in like)
    return (
        f"Documents with “{entry.document}” in their title are recorded ({titles}): pick one "
        "from the suggestions or type its whole title, or tick “A new document” to record "
        f"“{entry.document}” as a new one."
    )
