"""Schemathesis reads the OpenAPI document and throws generated requests at every operation.

No answer may be a 5xx, and every answer must match the document. One check is
left out: "schema-valid data must be accepted". A request can match the schema
and still break a rule the schema cannot express (a document id that does not
exist, a verdict without evidence); those rightly get a 4xx.
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from factdb.access import create_token
from factdb.vocab import Role
from tests.factories import Factory

EXAMPLES_PER_OPERATION = int(os.environ.get("FACTDB_FUZZ_EXAMPLES", "30"))


def test_generated_requests_never_break_the_api(app, make: Factory, session):
    reviewer = make.user(Role.REVIEWER, email="fuzz@example.org")
    document = make.document(
        "Seed document", url="https://seed.example", full_text="Seed text for quotes."
    )
    make.claim(
        reviewer,
        "Seed claim",
        document=document,
        speaker=make.source("Seed Speaker"),
        quote="Seed text",
    )
    headers = {"Authorization": f"Bearer {create_token(session, reviewer, 'fuzz').secret}"}
    session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case) -> None:
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()
