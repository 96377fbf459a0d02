"""Likely duplicates kept current: a claim's change reaches the claims sharing its keys.

Each claim's keys (factdb.audit.duplicates) are stored in `audit_claim_key`, so the
claims a change can affect are found by an indexed look-up instead of comparing the
claim with every other.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from factdb.audit.data import chunks
from factdb.audit.duplicates import alike, duplicate_keys, nearest_earlier
from factdb.audit.kept_rows import delete_counted, write_findings
from factdb.models import AuditClaimKey, AuditFinding, Claim


def recompute_duplicates(session: Session, claim_ids: list[int]) -> None:
    """Recompute the likely duplicates of these claims and of the claims near them.

    A claim's finding names its nearest earlier duplicate, so a change to one claim
    reaches the claims whose finding named it and the claims sharing a key with it.
    """
    affected = set(claim_ids) | _naming(session, claim_ids)
    keys = _store_keys(session, claim_ids)
    for batch in chunks(keys, 500):
        affected.update(
            session.scalars(select(AuditClaimKey.claim_id).where(AuditClaimKey.key.in_(batch)))
        )
    affected_ids = sorted(affected)
    for batch in chunks(affected_ids, 500):
        delete_counted(
            session,
            delete(AuditFinding).where(
                AuditFinding.rule == "LIKELY_DUPLICATE", AuditFinding.claim_id.in_(batch)
            ),
        )
    texts, keys_of = _keys_of(session, affected_ids)
    members = _members(session, sorted({key for keys in keys_of.values() for key in keys}))
    pairs = _alike_pairs(texts, keys_of, members)
    found = ((first, second, score) for (first, second), score in pairs.items())
    write_findings(session, nearest_earlier(found, only=affected))


def _naming(session: Session, claim_ids: list[int]) -> set[int]:
    """The claims whose duplicate finding names one of these as its nearest earlier one."""
    return set(
        session.scalars(
            select(AuditFinding.claim_id).where(
                AuditFinding.rule == "LIKELY_DUPLICATE", AuditFinding.other_claim_id.in_(claim_ids)
            )
        )
    )


def _store_keys(session: Session, claim_ids: list[int]) -> list[str]:
    """Replace these claims' duplicate keys with their present text's; return the keys, sorted."""
    session.execute(delete(AuditClaimKey).where(AuditClaimKey.claim_id.in_(claim_ids)))
    keyed = {
        claim_id: duplicate_keys(text)
        for claim_id, text in session.execute(
            select(Claim.id, Claim.text).where(Claim.id.in_(claim_ids))
        )
    }
    rows = [
        {"claim_id": claim_id, "key": key, "folded": folded}
        for claim_id, (folded, keys) in keyed.items()
        for key in sorted(keys)
    ]
    for start in range(0, len(rows), 500):
        session.execute(AuditClaimKey.__table__.insert(), rows[start : start + 500])
    return sorted({key for _, keys in keyed.values() for key in keys})


def _keys_of(session: Session, claim_ids: list[int]) -> tuple[dict[int, str], dict[int, set[str]]]:
    """Each claim's folded text and its duplicate keys, as stored."""
    texts: dict[int, str] = {}
    keys_of: dict[int, set[str]] = {}
    for batch in chunks(claim_ids, 500):
        for key, claim_id, folded in session.execute(
            select(AuditClaimKey.key, AuditClaimKey.claim_id, AuditClaimKey.folded).where(
                AuditClaimKey.claim_id.in_(batch)
            )
        ):
            texts[claim_id] = folded
            keys_of.setdefault(claim_id, set()).add(key)
    return texts, keys_of


def _members(session: Session, keys: list[str]) -> dict[str, list[tuple[int, str]]]:
    """Every claim sharing each key, with its folded text."""
    members: dict[str, list[tuple[int, str]]] = {}
    for batch in chunks(keys, 500):
        for key, claim_id, folded in session.execute(
            select(AuditClaimKey.key, AuditClaimKey.claim_id, AuditClaimKey.folded).where(
                AuditClaimKey.key.in_(batch)
            )
        ):
            members.setdefault(key, []).append((claim_id, folded))
    return members


def _alike_pairs(
    texts: dict[int, str],
    keys_of: dict[int, set[str]],
    members: dict[str, list[tuple[int, str]]],
) -> dict[tuple[int, int], float]:
    """Each claim and every earlier claim sharing a key with it that reads alike, with the score."""
    pairs: dict[tuple[int, int], float] = {}
    for claim_id, keys in keys_of.items():
        for key in keys:
            # Only earlier claims can be a claim's nearest earlier duplicate.
            for other_id, other in members.get(key, ()):
                if other_id >= claim_id or (other_id, claim_id) in pairs:
                    continue
                score = alike(texts[claim_id], other)
                if score is not None:
                    pairs[(other_id, claim_id)] = score
    return pairs
