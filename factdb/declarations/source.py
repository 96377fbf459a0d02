"""A source's fields, each named once: what is stored, validated, tracked and served."""

from __future__ import annotations

from factdb.declarations.base import CHOICE, LONG_TEXT, NAMES, REFERENCE, URL, Field, Record
from factdb.vocab import Reliability, SourceKind

#: Most other names one source carries; more is refused (each is looked up when saved).
MAX_ALIASES = 50

SOURCE = Record(
    "source",
    (
        Field("name", "Name", max_length=300, required="Give the source a name."),
        Field("kind", "Kind", CHOICE, choices=SourceKind, initial=SourceKind.OTHER,
              form_initial=SourceKind.PERSON),
        Field("role", "Role or description", max_length=300, history="role",
              description='For example "former EU ambassador to Turkey".'),
        Field("family_name", "Family name", max_length=200),
        Field("given_name", "Given name", max_length=200),
        Field("parent_id", "Parent organisation", REFERENCE, references="source", index=True,
              description="The body this source belongs to, such as a ministry's government."),
        Field("homepage", "Homepage", URL, max_length=2000, detail=True, link="{}"),
        Field("wikidata", "Wikidata item", max_length=20, detail=True, history="Wikidata item",
              pattern=r"Q[1-9][0-9]*", pattern_message="Give a Wikidata item id such as Q42.",
              link="https://www.wikidata.org/wiki/{}",
              description="Its item on Wikidata (Q…), which tells namesakes apart."),
        Field("reliability", "Reliability", CHOICE, choices=Reliability,
              initial=Reliability.UNGRADED),
        Field("notes", "Notes", LONG_TEXT, max_length=20_000),
        Field("aliases", "Aliases", NAMES,
              description='Other names, one per line: "the Kremlin", "Kremlin press service".'),
    ),
)  # fmt: skip
