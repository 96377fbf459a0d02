"""One field of a record: its kind, label, limits and the names other formats give it."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

#: Field kinds: what a value is, how it is validated, stored, shown in a form and in JSON.
TEXT, LONG_TEXT, URL, PARTIAL_DATE, DATE, FLAG, CHOICE, NAMES, PAIRS, REFERENCE = (
    "text", "long_text", "url", "partial_date", "date", "flag", "choice", "names", "pairs",
    "reference",
)  # fmt: skip
#: The largest id an INTEGER column holds on every supported database (PostgreSQL's is 32-bit).
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class Field:
    """One field of a record, named once."""

    name: str
    label: str
    kind: str = TEXT
    max_length: int | None = None
    choices: type[StrEnum] | None = None
    #: Refused when empty, with this message.
    required: str = ""
    #: Recorded in the history when it changes.
    tracked: bool = True
    #: Served in the record's JSON (the API and the pages' JSON twins).
    in_json: bool = True
    #: Shown in the record's form and page among its bibliographic details.
    bibliographic: bool = False
    #: Shown on its own in the record's form and page, by a loop over these fields: adding
    #: one needs no template edit.
    detail: bool = False
    #: For a detail: the address its value links to ("{}" is the value itself).
    link: str = ""
    #: A regular expression a non-empty value must match whole, and what a mismatch is told.
    pattern: str = ""
    pattern_message: str = ""
    #: Indexed in the database (looked up by it).
    index: bool = False
    #: Help text beside the form field.
    description: str = ""
    #: How the history names it ("publication date"); the label in lower case by default.
    history: str = ""
    #: What a value over `max_length` is told (default: "Keep the <label> under N characters.").
    too_long: str = ""
    #: The CSL-JSON variable, BibLaTeX field, BibTeX field and RIS tag (rispy key) it maps to.
    csl: str = ""
    biblatex: str = ""
    bibtex: str = ""
    ris: str = ""
    #: The BibLaTeX entry types biber's data model allows the field on (biber-tool.conf);
    #: on any other it would be a data-model warning, so it is left out there.
    biblatex_on: tuple[str, ...] = ()
    #: The value a new record starts with, when not the kind's empty value.
    initial: Any = None
    #: Extra keyword arguments for the database column (e.g. a fixed enum length).
    column: dict[str, Any] = dataclass_field(default_factory=dict)
    #: For a reference (an id): the table of the record it names ("source").
    references: str = ""
    #: The value a new record's form starts with, when not `initial` (a choice's value).
    form_initial: Any = None
    #: Keeps bidi controls and zero-width characters (factdb.text.visible): by default only
    #: long prose does; a name, title or quote must read as it shows.
    keeps_invisible: bool | None = None
    #: Typed into the record's form and API body. False for what another action sets (a
    #: claim's status and verdict: review): served, stored and described, never taken as input.
    typed: bool = True
    #: A quotation: one pair of quotation marks around the whole is dropped (factdb.text).
    unwraps_quotation: bool = False

    @property
    def text_name(self) -> str:
        """For a reference: the form field people type the name or title into (parent_id → parent)."""
        return self.name.removesuffix("_id")

    @property
    def drops_invisible(self) -> bool:
        """Whether the value loses the invisible characters that could spoof it."""
        if self.keeps_invisible is None:
            return self.kind != LONG_TEXT
        return not self.keeps_invisible

    @property
    def history_label(self) -> str:
        return self.history or self.label.lower()

    @property
    def default(self) -> Any:
        if self.initial is not None:
            return self.initial
        return {
            FLAG: False,
            DATE: None,
            CHOICE: None,
            NAMES: None,
            PAIRS: None,
            REFERENCE: None,
        }.get(self.kind, "")

    def href(self, value: str) -> str:
        """The address a detail's value links to, or "" when it links nowhere."""
        return self.link.format(value) if self.link and value else ""

    def too_long_message(self) -> str:
        if self.too_long:
            return self.too_long
        # Named as the column check of every write (factdb.models.limits) names it.
        what = "address" if self.kind == URL else self.name.replace("_", " ")
        return f"Keep the {what} under {self.max_length:,} characters."

    def length_problem(self, value: str) -> str:
        """What a value over `max_length` is told, with its length; "" when it fits.

        For paths that check one field of many rows (an article's review) before the
        record's own validation would name the field without its row.
        """
        if not self.max_length or len(value) <= self.max_length:
            return ""
        return f"{self.too_long_message().rstrip('.')}: this one has {len(value):,}."

    def plain(self, value: Any) -> Any:
        """The value as JSON holds it."""
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if self.kind == PAIRS:
            return dict(value or {})
        return value

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of this field's value in a response."""
        if self.kind == FLAG:
            return {"type": "boolean"}
        if self.kind == DATE:
            return {"type": ["string", "null"], "format": "date"}
        if self.kind == REFERENCE:
            return {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID}
        if self.kind == CHOICE and self.choices is not None:
            return {"type": "string", "enum": [member.value for member in self.choices]}
        if self.kind == PAIRS:
            return {"type": "object", "additionalProperties": {"type": "string"}}
        schema: dict[str, Any] = {"type": "string"}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema
