"""Jinja filters and globals: how dates, statuses and changes read on a page."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from flask import Flask, request, url_for
from markupsafe import Markup, escape

from factdb.audit.findings import Severity
from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM
from factdb.declarations.document import DOCUMENT
from factdb.declarations.source import SOURCE
from factdb.export.formats import FORMAT_GROUPS
from factdb.vocab import (
    DocumentType,
    QuoteType,
    Relation,
    Reliability,
    Role,
    SourceKind,
    Status,
)
from factdb.wording import agree, counted

#: Status -> CSS class of its badge; every badge also carries its text label.
STATUS_TONES = {
    Status.UNVERIFIED: "neutral",
    Status.IN_REVIEW: "info",
    Status.TRUE: "good",
    Status.MOSTLY_TRUE: "good",
    Status.MIXED: "warn",
    Status.UNPROVEN: "warn",
    Status.MOSTLY_FALSE: "bad",
    Status.FALSE: "bad",
    Status.RETRACTED: "muted",
}

FIELD_LABELS = {
    **CLAIM.history_labels,
    "editor": "editor",
    "reviewer": "reviewer",
    **CITATION.history_labels,
    **SOURCE.history_labels,
    **DOCUMENT.history_labels,
    "merged_from": "merged from",
}


def when(value: datetime | None) -> str:
    """A moment in one form everywhere (ISO, UTC), never broken across lines."""
    return _unbroken(value.strftime("%Y-%m-%d %H:%M UTC")) if value else ""


def day(value: datetime | None) -> str:
    """A date alone, in the same ISO form as `when`."""
    return _unbroken(value.strftime("%Y-%m-%d")) if value else ""


def _unbroken(text: str) -> Markup:
    # "2026-11-26" must not wrap at its hyphens, wherever a template puts it.
    return Markup('<span class="nowrap">{}</span>').format(text)


#: Each status's badge, written once: a list shows one a row, and calling a Jinja macro for
#: it cost more than the rest of the cell.
_BADGES = {
    status: Markup('<span class="badge tone-{}">{}</span>').format(tone, status.label)
    for status, tone in STATUS_TONES.items()
}


def status_badge(status: Status) -> Markup:
    """A status as a badge: its tone and its label, so colour is never all it says."""
    return _BADGES[status]


def source_link(source: Any) -> Markup:
    """A link to a source's page under its name (anything with `id` and `name`)."""
    url = record_url("sources.detail", source_id=source.id)
    return Markup('<a href="{}" dir="auto">{}</a>').format(url, source.name)


#: Field name -> its vocabulary, so the history shows "News article", not "news_article".
FIELD_CHOICES = {
    spec.name: spec.choices
    for record in (CLAIM, CITATION, SOURCE, DOCUMENT)
    for spec in record.fields
    if spec.choices is not None
}


def show_value(value: Any, name: str = "") -> str:
    """Render a recorded value for the change history, in the words the form uses."""
    if value in (None, "", [], {}):
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    choices = FIELD_CHOICES.get(name)
    if choices is not None and value in choices._value2member_map_:
        return str(getattr(choices(value), "label", value))
    return str(value)


_SOURCE_REF = re.compile(r"\(#(\d+)\)")


def linked_sources(text: str) -> Markup:
    """A note naming recorded sources as "(#12)", each number a link to the source's page
    (where a source that is the same person is merged: Merge into…)."""
    parts = _SOURCE_REF.split(text)  # text, id, text, id, …, text
    link = Markup('(<a href="{}">#{}</a>)')
    return Markup("").join(
        link.format(url_for("sources.detail", source_id=int(part)), part) if odd else escape(part)
        for odd, part in ((index % 2 == 1, part) for index, part in enumerate(parts))
    )


def query_args(*, flat: bool = True) -> dict[str, Any]:
    """This request's query parameters, to build a link with: never those url_for keeps for
    itself (`_method`, `_anchor`, `_external`, `_scheme`), which would break the link."""
    return {
        key: value
        for key, value in request.args.to_dict(flat=flat).items()
        if not key.startswith("_")
    }


def page_url(**overrides: Any) -> str:
    """This page's URL with some query parameters replaced (for pagination and filters)."""
    args = query_args()
    if "page" in overrides:
        # A cursor only means something for the page it was made for: another page,
        # filter or sort starts from its number alone.
        args.pop("after", None)
        args.pop("before", None)
    args.update({key: value for key, value in overrides.items()})
    args = {key: value for key, value in args.items() if value not in ("", None)}
    return url_for(request.endpoint or "claims.index", **(request.view_args or {}), **args)


@lru_cache(maxsize=64)
def _fixed_url(script_root: str, endpoint: str, filename: str | None) -> str:
    return url_for(endpoint, filename=filename) if filename else url_for(endpoint)


def fixed_url(endpoint: str, filename: str | None = None) -> str:
    """The URL of a page that takes no arguments, or of a static file, built once.

    The layout links to the same dozen places on every page; building each link
    anew was a third of the layout's cost. Only the script root can change them.
    """
    return _fixed_url(request.script_root, endpoint, filename)


#: Stands in for a record's id while a URL pattern is built; no real id is this long.
_PLACEHOLDER = 918273645546372819


@lru_cache(maxsize=64)
def _record_url_parts(script_root: str, endpoint: str, argument: str) -> tuple[str, str]:
    prefix, _, suffix = url_for(endpoint, **{argument: _PLACEHOLDER}).partition(str(_PLACEHOLDER))
    return prefix, suffix


def record_url(endpoint: str, **values: int) -> str:
    """The URL of one record's page (``/claims/17``), from a pattern built once per endpoint.

    A list links to a hundred records or more, and url_for costs as much per link as
    the rest of the row; only the id changes from one link to the next.
    """
    ((argument, value),) = values.items()
    prefix, suffix = _record_url_parts(request.script_root, endpoint, argument)
    return f"{prefix}{int(value)}{suffix}"


def claims_list_url(query: Mapping[str, Any]) -> str:
    """The claims list's URL with `query` (a filter's link on every row of a list).

    The same URL url_for builds (werkzeug's encoding of the query, in the given order),
    from the list's address built once: a page of claims links to each claim's tags.
    """
    items = [(key, value) for key, value in query.items() if value is not None]
    encoded = urlencode(items, safe="!$'()*,/:;?@")
    base = fixed_url("claims.index")
    return f"{base}?{encoded}" if encoded else base


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["show_value"] = show_value
    app.jinja_env.filters["counted"] = counted
    app.jinja_env.filters["linked_sources"] = linked_sources
    app.jinja_env.globals["agree"] = agree
    app.jinja_env.filters["field_label"] = lambda name: FIELD_LABELS.get(name, name)
    app.jinja_env.globals.update(
        export_groups=FORMAT_GROUPS,
        document_fields=DOCUMENT.bibliographic,
        source_details=SOURCE.details,
        page_url=page_url,
        fixed_url=fixed_url,
        record_url=record_url,
        claims_list_url=claims_list_url,
        status_badge=status_badge,
        source_link=source_link,
        STATUS_TONES=STATUS_TONES,
        Status=Status,
        Relation=Relation,
        QuoteType=QuoteType,
        SourceKind=SourceKind,
        Reliability=Reliability,
        DocumentType=DocumentType,
        Role=Role,
        Severity=Severity,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
