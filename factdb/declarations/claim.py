"""A claim's own fields, each named once: what is stored, validated, tracked and served.

Its status and verdict are declared here too (choices, labels, column, JSON) but not typed
in its form or body: review changes them (factdb.review).
"""

from __future__ import annotations

from factdb.declarations.base import CHOICE, LONG_TEXT, NAMES, Field, Record
from factdb.vocab import Status

#: Most tags one claim carries, and the longest tag (the tag table's column).
MAX_TAGS = 30
MAX_TAG_LENGTH = 100

CLAIM = Record(
    "claim",
    (
        Field("text", "Claim", LONG_TEXT, max_length=5000, history="text",
              required="Write the claim: the statement that can be checked.",
              too_long="Keep the claim under 5,000 characters.", keeps_invisible=False),
        Field("context", "Context", LONG_TEXT, max_length=20_000),
        Field("tags", "Tags", NAMES, description="Separate tags with commas."),
        Field("status", "Status", CHOICE, choices=Status, initial=Status.UNVERIFIED,
              tracked=False, typed=False),
        Field("verdict", "Verdict", LONG_TEXT, tracked=False, typed=False,
              description="The reviewer's explanation of the current verdict."),
    ),
)  # fmt: skip
