"""Export citations and claims in the formats people paste into papers and tools."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factdb.audit.data import chunks
from factdb.errors import ValidationFailed
from factdb.export.formats import (
    CLAIM_REPORT_STYLES,
    FORMATS,
    OUTPUT_TYPES,
    ExportSettings,
    Format,
    Job,
    describe,
)
from factdb.export.selection import Selection, select_ids
from factdb.models import Claim
from factdb.vocab import Status

__all__ = ["CLAIM_REPORT_STYLES", "EMPTY_LIBRARY", "FORMATS", "NOTHING_TO_EXPORT", "Export", "ExportSettings", "Format", "describe", "export"]  # fmt: skip

#: Said (on the page, by the API and the command) instead of giving a file that holds nothing.
NOTHING_TO_EXPORT = (
    "Nothing to export: the selection holds no claim or document for this format. "
    "Change the filters, or tick what to export."
)

#: Said beside the empty file of a whole library that holds nothing for the format.
EMPTY_LIBRARY = "Notice: the export is empty: the library holds nothing for this format yet."


@dataclass
class Export:
    """An export being written: read `chunks` once (streaming) or `content` (the whole file)."""

    chunks: Iterator[str]
    format_name: str
    mimetype: str
    filename: str
    count: int
    #: Things the person should fix for the export to be complete (shown, never fatal).
    warnings: list[str] = field(default_factory=list)
    #: Whether the export stops before the selection's end (a preview of a bibliography).
    partial: bool = False
    _content: str | None = None

    @property
    def content(self) -> str:
        if self._content is None:
            self._content = "".join(self.chunks)
        return self._content


def _count(session: Session, fmt: Format, selection: Selection) -> int:
    if fmt.counts == "claims":
        return len(selection.claim_ids)
    if fmt.counts == "judged claims":
        verdicts = [status for status in Status if status.is_verdict]
        return sum(
            session.scalar(
                select(func.count()).where(Claim.id.in_(batch), Claim.status.in_(verdicts))
            )
            or 0
            for batch in chunks(selection.claim_ids)
        )
    return len(selection.document_ids)


def export(
    session: Session,
    format_name: str,
    *,
    claim_ids: Collection[int] | None = None,
    document_ids: Collection[int] | None = None,
    output: str = "",
    style: str = "chicago-notes",
    settings: ExportSettings | None = None,
    keep: bool = False,
    first_batch: bool = False,
    citing: bool = False,
) -> Export:
    """Export the citations behind the given claims (and documents); everything when both are None.

    The file is written while it is read: nothing is rendered until `chunks` is iterated,
    and the session must stay open until then. With `keep`, formatted references are
    kept for later exports (see factdb.export.kept); without it the export writes nothing.
    With `first_batch` (a preview), a bibliography formats only its first batch, which is
    the start of the whole, entry for entry; other formats stream as ever. With `citing`
    (documents chosen on their own, see ExportScope), a format of claims takes the claims
    citing `document_ids`; without it the claims are exactly `claim_ids`.
    """
    fmt = FORMATS.get(format_name)
    if fmt is None:
        raise ValidationFailed(f"Unknown format {format_name!r}; choose one of: {describe()}.")
    output = output or (fmt.outputs[0] if fmt.outputs else "")
    if fmt.outputs and output not in fmt.outputs:
        raise ValidationFailed(f"{fmt.label} comes as {', '.join(fmt.outputs)}, not {output!r}.")
    if style not in CLAIM_REPORT_STYLES:
        raise ValidationFailed(f"Unknown style {style!r}; choose one of: {', '.join(CLAIM_REPORT_STYLES)}.")  # fmt: skip
    settings = settings or ExportSettings()
    selection = select_ids(
        session,
        claim_ids=claim_ids,
        document_ids=document_ids,
        citing=citing and fmt.counts != "documents",
    )
    job = Job(selection, output, style, settings, keep, first_batch)
    extension, mimetype = fmt.extension, fmt.mimetype
    if fmt.outputs and output in OUTPUT_TYPES:
        extension, mimetype = OUTPUT_TYPES[output]
    chunks = fmt.write(job)
    return Export(
        chunks, format_name, mimetype, f"factdb-{format_name}.{extension}",
        _count(session, fmt, selection), fmt.check(settings), job.cut,
    )  # fmt: skip
