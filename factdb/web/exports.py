"""Export the current selection with a preview and a copy button."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    render_template,
    request,
    url_for,
)

from factdb.errors import ValidationFailed
from factdb.export import (
    CLAIM_REPORT_STYLES,
    EMPTY_LIBRARY,
    FORMATS,
    NOTHING_TO_EXPORT,
    Export,
    ExportSettings,
    export,
)
from factdb.export.formats import claimreview_author
from factdb.export.formatted import RenderError
from factdb.export.scope import ExportScope, export_scope
from factdb.web.database import db, streamed
from factdb.web.filters import query_args
from factdb.web.params import filters_from_request, record_ids
from factdb.wording import counted

bp = Blueprint("exports", __name__)

PREVIEW_LIMIT = 200_000


def _settings() -> ExportSettings:
    return ExportSettings.of(current_app.config, request.host_url.rstrip("/"))


def _selection() -> tuple[ExportScope, str]:
    """Ticked claims, one document, or the claims list as filtered (everything when unfiltered)."""
    ticked = record_ids(request.args.getlist("claim"))
    if ticked:
        label = counted(len(ticked), "selected claim")
        return export_scope(db(), claim_ids=ticked), label
    # `document` names documents in the API; the claims list's filter takes one, so two or
    # more are a selection of documents, as `document_only` (a document page's) is.
    named = request.args.getlist("document")
    documents = record_ids(
        request.args.getlist("document_only") + (named if len(named) > 1 else [])
    )
    if len(documents) == 1:
        return export_scope(db(), document_ids=documents), "this document"
    if documents:
        return export_scope(db(), document_ids=documents), counted(
            len(documents), "selected document"
        )
    scope = export_scope(db(), filters=filters_from_request())
    if scope.everything:
        return scope, "the whole database"
    return scope, f"{counted(len(scope.claim_ids or []), 'claim')} matching the filters"


def _run(first_batch: bool = False) -> tuple[Any, str, str, str, bool]:
    """The export asked for, its format, output and scope, and whether it is refused when empty
    (a selection or filter matching nothing; the whole of an empty library gives its empty file)."""
    format_name = request.args.get("format", "apa")
    if format_name not in FORMATS:
        format_name = "apa"
    fmt = FORMATS[format_name]
    output = request.args.get("as", "")
    output = output if output in fmt.outputs else (fmt.outputs[0] if fmt.outputs else "")
    style = request.args.get("style", "chicago-notes")
    style = style if style in CLAIM_REPORT_STYLES else "chicago-notes"
    selection, scope = _selection()
    result = export(
        db(),
        format_name,
        claim_ids=selection.claim_ids,
        document_ids=selection.document_ids,
        citing=selection.citing,
        output=output,
        style=style,
        settings=_settings(),
        first_batch=first_batch,
    )
    return result, format_name, output, scope, selection.refuses(result.count)


def _head(result: Export, limit: int) -> tuple[str, bool]:
    """The start of an export, reading no more of it than the preview shows."""
    pieces: list[str] = []
    size = 0
    for chunk in result.chunks:
        pieces.append(chunk)
        size += len(chunk)
        if size > limit:
            return "".join(pieces)[:limit], True
    return "".join(pieces), False


@bp.route("/export")
def preview() -> Any:
    """Show an export of the selection, ready to copy or download."""
    try:
        result, format_name, output, scope, refused = _run(first_batch=True)
        content, truncated = _head(result, PREVIEW_LIMIT)
        truncated = truncated or result.partial
    except (ValidationFailed, RenderError) as error:
        return render_template("exports/error.html", message=str(error)), 422
    args = query_args(flat=False)
    return render_template(
        "exports/preview.html",
        result=result,
        content=content,
        truncated=truncated,
        formats=FORMATS,
        format_name=format_name,
        output=output,
        styles=CLAIM_REPORT_STYLES,
        scope=scope,
        hidden={
            key: values for key, values in args.items() if key not in ("format", "as", "style")
        },
        download_url=url_for("exports.download", **args),
        nothing=NOTHING_TO_EXPORT if refused else "",
        empty=EMPTY_LIBRARY.removeprefix("Notice: ") if not result.count else "",
        author=claimreview_author(_settings()) if format_name == "claimreview" else "",
    )


@bp.route("/export/download")
def download() -> Any:
    """The same export as a file."""
    try:
        result, _, _, _, refused = _run()
        # The first piece is written before the answer starts, so that a format that
        # cannot be written at all still gets its error page.
        first = next(result.chunks, "")
    except (ValidationFailed, RenderError) as error:
        return render_template("exports/error.html", message=str(error)), 422
    if refused:
        return render_template("exports/error.html", message=NOTHING_TO_EXPORT), 422
    charset = "; charset=utf-8" if result.mimetype.startswith(("text/", "application/")) else ""

    def body() -> Any:
        yield first.encode("utf-8")
        for chunk in result.chunks:
            yield chunk.encode("utf-8")

    return Response(
        streamed(body()),
        mimetype=result.mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{result.filename}"',
            "Content-Type": result.mimetype + charset,
        },
    )
