"""A citation's fields, each named once: what is stored, validated, tracked and served."""

from __future__ import annotations

from factdb.declarations.base import CHOICE, LONG_TEXT, REFERENCE, Field, Record
from factdb.vocab import QuoteType, Relation

CITATION = Record(
    "citation",
    (
        Field("document_id", "Document", REFERENCE, references="document", history="document",
              description="Pick a suggestion, or type the title of a new document."),
        Field("speaker_id", "Speaker", REFERENCE, references="source", history="speaker",
              description="Whose words these are. Leave empty when the document says it itself."),
        Field("relation", "Relation", CHOICE, choices=Relation, initial=Relation.ASSERTS),
        Field("quote", "Quote", LONG_TEXT, max_length=20_000, keeps_invisible=False,
              unwraps_quotation=True),
        Field("quote_type", "Quote type", CHOICE, choices=QuoteType, initial=QuoteType.DIRECT),
        Field("locator", "Locator", max_length=100, description="Paragraph, page or time stamp."),
        Field("speaker_role", "Speaker's role", max_length=300, history="speaker role",
              column={"server_default": ""},
              description="The speaker's role as this document gives it."),
    ),
)  # fmt: skip
