"""What a reader produces: references to create, problems that refuse the file, and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from factdb.documents import AuthorSpec, DocumentInput
from factdb.errors import ValidationFailed


@dataclass
class ImportProblem:
    line: int | None
    entry: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        if self.line and self.column:
            where += f", column {self.column}"
        return f"{where}{f' ({self.entry})' if self.entry else ''}: {self.message}"


class ImportFailed(ValidationFailed):
    """The file cannot be imported; `problems` says where and why."""

    def __init__(self, problems: list[ImportProblem], readable: int = 0) -> None:
        lines = "; ".join(str(problem) for problem in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"Nothing was imported. {lines}{more}")
        self.problems = problems
        #: How many entries could be imported if those at fault were left out.
        self.readable = readable


@dataclass
class Reference:
    """One parsed entry, ready to become a document."""

    line: int
    label: str
    document: DocumentInput
    authors: list[AuthorSpec] = field(default_factory=list)
    #: What was read differently from the file or left out, for people to check.
    notes: list[str] = field(default_factory=list)
    #: Fields the file carries that factdb does not model (name -> value), kept as they were.
    extra: dict[str, str] = field(default_factory=dict)
    #: Fields already namespaced by format ("bibtex.keywords") that a factdb export carried.
    kept: dict[str, str] = field(default_factory=dict)
    #: The citation key the file gives the entry (BibTeX key, CSL-JSON id, RIS ID), if any.
    key: str = ""

    def note(self, message: str) -> None:
        if message and message not in self.notes:
            self.notes.append(message)

    def first_url(self, urls: list[str], name: str) -> str:
        """Keep the first web address; files often carry several, and the others go to `extra`."""
        if len(urls) > 1:
            self.note(f"kept the first of {len(urls)} web addresses; the others are under extra")
            self.extra[name] = " ".join(urls[1:])
        return urls[0] if urls else ""


def fail(message: str, line: int | None = None, entry: str = "") -> ImportFailed:
    return ImportFailed([ImportProblem(line, entry, message)])


class Expansion:
    """Count the text that @string macros and crossref parents add to a file, up to a limit.

    A macro defined as the one before twice over doubles at each line, and a parent's
    fields are copied into every child: thirty lines of a .bib file would make ten
    gigabytes of text before any field's limit was checked.
    """

    FLOOR = 2_000_000
    FACTOR = 4

    def __init__(self, source_length: int) -> None:
        self.limit = max(self.FLOOR, self.FACTOR * source_length)
        self.left = self.limit

    def spend(self, added: str) -> str:
        """Count `added` against the limit (refusing the file past it) and give it back."""
        self.left -= len(added)
        if self.left < 0:
            raise fail(
                f"its @string macros and crossref parents make more than {self.limit:,} "
                f"characters of text (at most {self.FACTOR} times the file's size, or "
                f"{self.FLOOR:,}, is read); look for a macro defined from itself or another "
                "macro more than once"
            )
        return added
