"""Likely duplicates kept claim by claim agree with a full audit and a rebuild, whatever the edits."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from factdb.audit import run_audit
from factdb.audit.rebuild import rebuild
from factdb.claims import ClaimInput, get_claim, save_claim
from factdb.models import AuditFinding, Claim
from factdb.vocab import Role

#: Near-identical texts, so that groups form, split and merge as claims are edited.
TEXTS = [
    "The harbour will reopen in March",
    "The harbour will reopen in March!",
    "the harbour will reopen in march.",
    "The harbour will re-open in March",
    "The harbour will reopen in Marchh",
    "In March the harbour will reopen",
    "The harbour will reopen in May",
    "The budget grew by 4 percent",
]
STEPS = st.lists(
    st.tuples(st.booleans(), st.integers(0, 20), st.integers(0, len(TEXTS) - 1)),
    min_size=1,
    max_size=14,
)


def _kept(session) -> list[tuple]:
    rows = session.execute(
        select(AuditFinding.claim_id, AuditFinding.other_claim_id, AuditFinding.message).where(
            AuditFinding.rule == "LIKELY_DUPLICATE"
        )
    )
    return sorted(tuple(row) for row in rows)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_kept_duplicates_equal_a_full_audit_and_a_rebuild(session, make, steps):
    editor = make.user(Role.EDITOR)
    claims: list[int] = []
    for new, pick, words in steps:
        if new or not claims:
            claims.append(save_claim(session, editor, ClaimInput(text=TEXTS[words])).claim.id)
        else:
            claim = get_claim(session, claims[pick % len(claims)])
            save_claim(session, editor, ClaimInput(text=TEXTS[words]), claim_id=claim.id,
                       expected_version=claim.version)  # fmt: skip
        session.commit()
    kept = _kept(session)
    audited = sorted(
        (f.claim_id, f.details["other_claim_id"], f.message)
        for f in run_audit(session).findings
        if f.rule == "LIKELY_DUPLICATE"
    )
    assert kept == audited
    # One finding at most per claim but the first (the database outlives one example).
    assert len(kept) < session.scalar(select(func.count(Claim.id)))
    rebuild(session)
    assert _kept(session) == kept
    session.rollback()
