"""Keep audit reports while the data they were made from stands still.

A whole-database audit at 100,000 claims takes tens of seconds; the audit page
asks for it again at every filter and every page of findings. Reports are kept
per process under the data revision (a number triggers move on every write to
what the audit reads), so a kept report is never older than the data it shows.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.audit.runner import AuditReport
from factdb.models import DataRevision


def data_revision(session: Session) -> int:
    """The current data revision, as this session's transaction sees it."""
    return session.scalar(select(DataRevision.value).where(DataRevision.id == 1)) or 0


@dataclass(frozen=True)
class KeptReport:
    report: AuditReport
    revision: int
    seconds: float  # how long making it took
    made_at: datetime
    reused: bool


class ReportCache:
    """The last few reports, each filed under (data revision, scope)."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._reports: OrderedDict[tuple[int, Hashable], KeptReport] = OrderedDict()
        self._lock = threading.Lock()

    def report(
        self, session: Session, scope: Hashable, make: Callable[[], AuditReport]
    ) -> KeptReport:
        """Return the kept report for `scope`, or make one with `make` and keep it."""
        # Read before the data: a report may then be filed under an older revision than
        # it saw (and is made again once more), never under a newer one (stale).
        revision = data_revision(session)
        key = (revision, scope)
        with self._lock:
            kept = self._reports.get(key)
            if kept is not None:
                self._reports.move_to_end(key)
                return KeptReport(kept.report, revision, kept.seconds, kept.made_at, reused=True)
        started = time.perf_counter()
        report = make()
        kept = KeptReport(report, revision, time.perf_counter() - started, datetime.now(UTC), False)
        with self._lock:
            for old in [k for k in self._reports if k[0] < revision]:
                del self._reports[old]  # the data has moved on: nothing will ask for these
            self._reports[key] = kept
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)
        return kept
