"""The findings-by-rule chart puts first what most needs fixing, and names empty rules in one line."""

from __future__ import annotations

import html
import re

from factdb.audit import RULES
from factdb.audit.kept import rules_by_weight
from factdb.models import AuditRuleCount
from factdb.vocab import Role
from tests.test_api import tokens  # noqa: F401  (fixture)

#: Counts like the reviewers': a warning dwarfing an error, most rules with nothing found.
COUNTS = {"SECOND_HAND_ONLY": 240_804, "QUOTE_NOT_FOUND": 1_651, "UNSOURCED": 12,
          "SOURCE_UNGRADED": 90_000, "VAGUE_ATTRIBUTION": 3_000}  # fmt: skip


def test_rules_with_findings_come_errors_first_then_most_found_and_the_rest_apart():
    found, empty = rules_by_weight(COUNTS)
    assert [code for code, _ in found] == [
        "QUOTE_NOT_FOUND", "UNSOURCED", "SECOND_HAND_ONLY", "VAGUE_ATTRIBUTION", "SOURCE_UNGRADED",
    ]  # fmt: skip
    assert dict(found) == COUNTS
    assert empty == [code for code in RULES if code not in COUNTS]


def _keep(session, counts: dict[str, int]) -> None:
    for rule, count in counts.items():
        row = session.get(AuditRuleCount, rule)
        if row is None:
            session.add(AuditRuleCount(rule=rule, count=count))
        else:
            row.count = count
    session.commit()


def test_the_audit_page_charts_errors_first_and_lists_empty_rules_in_one_line(
    client, auth, make, session
):
    _keep(session, COUNTS)
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = client.get("/audit/").get_data(as_text=True)
    chart = page[page.index('id="chart-rules-title"') : page.index("</figure>")]
    labels = re.findall(r'class="bar-label"[^>]*>([^<]+)<', chart)
    assert [label.strip() for label in labels] == [
        RULES[code].title for code, _ in rules_by_weight(COUNTS)[0]
    ]
    assert "1,651" in chart and "240,804" in chart
    assert ">error<" in chart and ">warning<" in chart  # the severity in words, not colour alone
    empty = [RULES[code].title for code in RULES if code not in COUNTS]
    # Semicolons: a rule's title can hold a comma ("Source gone, no archive copy").
    assert "No findings: " + "; ".join(empty) + "." in html.unescape(chart)
    assert chart.count('class="bar ') == len(COUNTS)


def test_the_audit_json_counts_every_rule_with_its_zeros(client, session, tokens):  # noqa: F811
    _keep(session, COUNTS)
    by_rule = client.get("/api/v1/audit", headers=tokens["viewer"]).json["meta"]["by_rule"]
    assert by_rule == {code: COUNTS.get(code, 0) for code in RULES}
