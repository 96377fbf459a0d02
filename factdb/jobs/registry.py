"""Job kinds: a name, the function that does the work, and a label for people.

Registering a kind only fills a dictionary; no queue, app or database exists at
import time. Modules that define kinds are listed in `KIND_MODULES` and imported
when the queue is built, so the web process and every consumer know the same kinds.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factdb.jobs.context import JobContext

#: Modules whose import registers job kinds.
KIND_MODULES: tuple[str, ...] = (
    "factdb.jobs.probe",
    "factdb.capture.jobs",
    "factdb.team.mail",
    "factdb.intake.jobs",
    "factdb.importer.jobs",
    "factdb.export.warming",
)


@dataclass(frozen=True)
class JobOutcome:
    """What a finished job reports: a sentence, a small summary, and the record it made."""

    message: str = "Done."
    result: dict[str, Any] = field(default_factory=dict)
    #: "entity:id", e.g. "document:12", so that pages can link to what the job made.
    result_ref: str = ""


JobFunction = Callable[["JobContext", Mapping[str, Any]], "JobOutcome | None"]


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    run: JobFunction
    #: Whether a job lost with its consumer (killed mid-run) may simply run again.
    rerun_when_lost: bool = True
    #: Whether a person starts it by asking (a capture, a reading, an import), so that how
    #: many they keep waiting is limited; never a job a write queues as its side effect.
    asked_for: bool = False


KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str, label: str, *, rerun_when_lost: bool = True, asked_for: bool = False
) -> Callable[[JobFunction], JobFunction]:
    """Register `function` as the job kind `name`."""

    def decorator(function: JobFunction) -> JobFunction:
        if name in KINDS and KINDS[name].run is not function:
            raise ValueError(f"job kind {name!r} is registered twice")
        KINDS[name] = JobKind(name, label, function, rerun_when_lost, asked_for)
        return function

    return decorator


def load_kinds(extra_modules: tuple[str, ...] = ()) -> Mapping[str, JobKind]:
    """Import every module that defines job kinds; return the registry."""
    for module in (*KIND_MODULES, *extra_modules):
        importlib.import_module(module)
    return KINDS


class KindsOnFirstUse(Mapping[str, JobKind]):
    """The registry, its modules imported when a kind is first looked up.

    The article reader's kind brings spaCy (about 35 MB): a web worker that never
    submits or shows a job should not carry it from its start.
    """

    def __init__(self) -> None:
        self._kinds: Mapping[str, JobKind] | None = None

    def _loaded(self) -> Mapping[str, JobKind]:
        if self._kinds is None:
            self._kinds = load_kinds()
        return self._kinds

    def __getitem__(self, name: str) -> JobKind:
        # A kind whose module is already imported needs no other: a command that submits
        # one job (an import's formatting of its references) would otherwise load them all.
        if self._kinds is None and name in KINDS:
            return KINDS[name]
        return self._loaded()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


class JobFailed(Exception):
    """A job cannot go on; `message` says why in words for the person who started it.

    `result` keeps what a page needs to say more than one sentence can (every line at fault).
    """

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result
