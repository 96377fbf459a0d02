"""Many writers at once: threads and processes creating claims, adding citations, reviewing.

Every write that returns is recorded; afterwards each one must be in the database.
Run it longer than the test suite does with:

    python -m factdb.devtools.stress DATABASE_URL --seconds 60 --threads 8 --processes 2
"""

from __future__ import annotations

import argparse
import json
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select

from factdb import migrate
from factdb.claims import CitationInput, ClaimInput, get_claim, save_claim, unchanged_citations
from factdb.db import make_engine, make_session_factory, transaction
from factdb.documents import DocumentInput
from factdb.models import Citation, Claim, User
from factdb.review import ReviewPolicy, change_status
from factdb.users import create_user
from factdb.vocab import Role, Status


@dataclass
class Report:
    claims: list[int] = field(default_factory=list)
    citations: list[int] = field(default_factory=list)
    reviews: int = 0
    errors: list[str] = field(default_factory=list)
    #: How many writers (threads, in every process) saved at least one claim.
    writers: int = 0

    def merge(self, other: Report) -> None:
        self.claims += other.claims
        self.citations += other.citations
        self.reviews += other.reviews
        self.errors += other.errors
        self.writers += other.writers


def ensure_user(url: str, email: str) -> int:
    engine = make_engine(url)
    try:
        with transaction(make_session_factory(engine, write=True)) as session:
            user = session.scalar(select(User).where(User.email == email))
            if user is None:
                user = create_user(
                    session,
                    email=email,
                    name="Stress writer",
                    role=Role.EDITOR,
                    password=secrets.token_hex(16),  # nobody logs in as this writer
                )
            return user.id
    finally:
        engine.dispose()


def _writer(url: str, user_id: int, seconds: float, tag: str, report: Report) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine, write=True)
    deadline = time.monotonic() + seconds
    step = 0
    try:
        # Every writer goes round at least once, however busy the machine: the run is about
        # writers overlapping, and one that never wrote would prove nothing.
        while step == 0 or time.monotonic() < deadline:
            step += 1
            try:
                with transaction(factory) as session:
                    user = session.get(User, user_id)
                    result = save_claim(
                        session,
                        user,
                        ClaimInput(
                            text=f"Stress claim {tag}-{step}",
                            citations=[
                                CitationInput(
                                    document=f"Stress document {tag}-{step % 5}",
                                    new_document=DocumentInput(title=""),
                                    quote="q",
                                )
                            ],
                        ),
                    )
                    claim_id = result.claim.id
                report.claims.append(claim_id)
                with transaction(factory) as session:
                    user = session.get(User, user_id)
                    claim = get_claim(session, claim_id)
                    entries = unchanged_citations(claim)
                    save_claim(
                        session,
                        user,
                        ClaimInput(
                            text=claim.text,
                            citations=[
                                *entries,
                                CitationInput(
                                    document=f"Stress document {tag}-extra", quote="more"
                                ),
                            ],
                        ),
                        claim_id=claim_id,
                        expected_version=claim.version,
                    )
                    added = max(c.id for c in get_claim(session, claim_id).citations)
                report.citations.append(added)
                with transaction(factory) as session:
                    user = session.get(User, user_id)
                    claim = get_claim(session, claim_id)
                    change_status(session, user, claim_id, to_status=Status.IN_REVIEW, note="", evidence_ids=[],
                                  expected_version=claim.version, policy=ReviewPolicy())  # fmt: skip
                report.reviews += 1
            except Exception as exc:
                report.errors.append(f"{type(exc).__name__}: {exc}"[:300])
    finally:
        engine.dispose()
        report.writers += 1 if report.claims else 0


def run_threads(url: str, *, threads: int, seconds: float, tag: str) -> Report:
    user_id = ensure_user(url, "stress@factdb.example")
    reports = [Report() for _ in range(threads)]
    workers = [
        threading.Thread(target=_writer, args=(url, user_id, seconds, f"{tag}t{n}", reports[n]))
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    total = Report()
    for report in reports:
        total.merge(report)
    return total


def run(
    url: str, *, threads: int = 8, processes: int = 2, seconds: float = 20
) -> tuple[Report, dict[str, int]]:
    """Run `threads` writer threads here and `processes` more writer processes; then check every write.

    A database no one has initialised is migrated first, as `factdb init` would.
    """
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    ensure_user(url, "stress@factdb.example")
    children = [
        subprocess.Popen(  # noqa: S603 (this same module, with fixed arguments)
            [sys.executable, "-m", "factdb.devtools.stress", url, "--seconds", str(seconds), "--threads", "2", "--processes", "0", "--child", f"p{n}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]  # fmt: skip
    report = run_threads(url, threads=threads, seconds=seconds, tag="main")
    for child in children:
        output, _ = child.communicate(timeout=seconds + 120)
        part = json.loads(output.strip().splitlines()[-1])
        report.merge(Report(**part))
    return report, verify(url, report)


def verify(url: str, report: Report) -> dict[str, int]:
    """Count how many acknowledged writes are missing from the database."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            claims = set(report.claims)
            citations = set(report.citations)
            found_claims = found_citations = reviewed = 0
            ids = sorted(claims)
            for start in range(0, len(ids), 900):
                batch = ids[start : start + 900]
                found_claims += (
                    session.scalar(select(func.count(Claim.id)).where(Claim.id.in_(batch))) or 0
                )
                reviewed += (
                    session.scalar(
                        select(func.count(Claim.id)).where(
                            Claim.id.in_(batch), Claim.status == Status.IN_REVIEW
                        )
                    )
                    or 0
                )
            cids = sorted(citations)
            for start in range(0, len(cids), 900):
                found_citations += (
                    session.scalar(
                        select(func.count(Citation.id)).where(
                            Citation.id.in_(cids[start : start + 900])
                        )
                    )
                    or 0
                )
        return {
            "lost_claims": len(claims) - found_claims,
            "lost_citations": len(citations) - found_citations,
            "lost_reviews": report.reviews - reviewed,
        }
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description="Concurrent writers against a factdb database.")
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        report = run_threads(args.url, threads=args.threads, seconds=args.seconds, tag=args.child)
        print(json.dumps(report.__dict__))
        return
    report, lost = run(
        args.url, threads=args.threads, processes=args.processes, seconds=args.seconds
    )
    print(f"claims {len(report.claims)}, citations {len(report.citations)}, reviews {report.reviews}, "
          f"errors {len(report.errors)}, lost {lost}")  # fmt: skip
    for error in report.errors[:10]:
        print("error:", error)
    sys.exit(1 if report.errors or any(lost.values()) else 0)


if __name__ == "__main__":
    main()
