"""The JSON bodies the API accepts, as JSON Schema (also served in the OpenAPI document)."""

from __future__ import annotations

from factdb import claims as claim_service
from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM
from factdb.declarations.document import DOCUMENT
from factdb.declarations.source import SOURCE
from factdb.export import FORMATS
from factdb.json_schema import INT, RECORD_ID, STRING, enum_of
from factdb.vocab import Status

MAX_PER_PAGE = 100
EXPORT_MEDIA_TYPES = tuple(
    sorted({f.mimetype for f in FORMATS.values()} | {"text/html", "text/markdown"})
)
PAGING = (
    ("page", {"type": "integer", "minimum": 1, "maximum": 10**9}, "Page number"),
    (
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "Rows per page (25 by default)",
    ),
)
CURSORS = (
    ("after", STRING, "Start after this row (meta.next_after of the page before): the page is read by its sort key, not an offset"),
    ("before", STRING, "End before this row (meta.previous_before of the page after)"),
)  # fmt: skip
CLAIM_FILTERS = (
    ("q", STRING, "Full-text search in claims and quotes: words (all required), \"a phrase\", -word to leave out, a OR b, prefix*"),
    ("status", enum_of(Status), "Only claims with this status"),
    ("tag", STRING, "Only claims with this tag"),
    ("source", RECORD_ID, "Only claims attributed to this source"),
    ("document", RECORD_ID, "Only claims cited from this document"),
    ("sort", {"type": "string", "enum": list(claim_service.SORTS)}, "Order"),
    *PAGING,
    *CURSORS,
)  # fmt: skip

#: A document given whole inside a citation: the fields of POST /documents.
NEW_DOCUMENT_BODY = DOCUMENT.body_schema() | {"required": ["title"]}
#: A citation names its document and speaker by id (or by the title or name of one, created
#: when new); the rest is the declaration's (factdb.declarations.citation).
_CITATION_DECLARED = CITATION.body_schema()["properties"]
CITATION_BODY = {
    "type": "object",
    "required": ["document"],
    "additionalProperties": False,
    "properties": {
        "document": {"oneOf": [RECORD_ID, {"type": "string", "minLength": 1}, NEW_DOCUMENT_BODY],
                     "description": "A document id, or the title or URL of one (created when new), or a new document's fields (the recorded one at that URL, or with that title when no URL is given, when there is one)"},
        "speaker": {"oneOf": [RECORD_ID, {"type": "string"}, {"type": "null"}], "description": "A source id, or the name of one (created when new); empty when the document asserts it"},
        **{name: schema for name, schema in _CITATION_DECLARED.items() if name not in ("document_id", "speaker_id")},
        "version": {"type": "integer", "description": "For an update: the version you read"},
    },
}  # fmt: skip
#: The claim's own fields are the declaration's (factdb.declarations.claim).
_CLAIM_DECLARED = CLAIM.body_schema()["properties"]
CLAIM_BODY = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {**_CLAIM_DECLARED, "citations": {"type": "array", "items": CITATION_BODY}},
}
CLAIM_PATCH = {
    "type": "object",
    "required": ["version"],
    "additionalProperties": False,
    "properties": {"version": INT, **_CLAIM_DECLARED},
}
STATUS_BODY = {
    "type": "object",
    "required": ["version", "status"],
    "additionalProperties": False,
    "properties": {"version": INT, "status": CLAIM["status"].json_schema(), "note": STRING,
                   "evidence": {"type": "array", "items": INT}},
}  # fmt: skip
#: From the same declarations, and the same pydantic models, that validate the bodies.
SOURCE_BODY = SOURCE.body_schema()
SOURCE_BODY["properties"]["version"] = {
    **INT,
    "description": "For an update: the version you read",
}
DOCUMENT_BODY = DOCUMENT.body_schema()
DOCUMENT_BODY["properties"]["version"] = {
    **INT,
    "description": "For an update: the version you read",
}
MERGE_BODY = {
    "type": "object",
    "required": ["into"],
    "additionalProperties": False,
    "properties": {
        "into": {**INT, "description": "The source to keep; this one is merged into it"},
        "version": {
            **INT,
            "description": "The version of this source you read (checked when given)",
        },
    },
}
