"""The claim page: one claim, its citations, its findings, the status form and the team box."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from factdb import review
from factdb.claims.view import CitationView, ClaimView, load_claim_page, load_claim_view
from factdb.team.on_claim import EDITOR_SETS, READER_SETS, team_from_sets
from factdb.vocab import Role
from factdb.web.audit import findings_citing
from factdb.web.auth import current_user
from factdb.web.database import db
from factdb.web.team import ClaimTeam, claim_team


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StatusForm(FlaskForm):
    version = HiddenField()
    # Starts on no status: a first option preselected sent claims back (a note sent alone
    # withdrew a verdict or took a claim out of review).
    status = SelectField(
        "New status", choices=[], validators=[InputRequired("Choose the new status.")]
    )
    note = TextAreaField("Note", validators=[Length(max=20000)])
    # Only qualifying citations are offered; a stale or forged choice is named by the domain.
    evidence = MultiCheckboxField("Evidence", coerce=int, choices=[], validate_choice=False)
    submit = SubmitField("Change status")


def policy() -> review.ReviewPolicy:
    return review.ReviewPolicy(allow_self_review=current_app.config["ALLOW_SELF_REVIEW"])


def status_form(claim: ClaimView, form: StatusForm | None = None) -> StatusForm:
    # A blank form needs no CSRF field of its own: the template writes the token, and
    # every POST is checked by CSRFProtect before any view runs.
    form = form or StatusForm(formdata=None, version=claim.version, meta={"csrf": False})
    options = review.allowed_statuses(current_user(), claim, policy())
    choices = [SelectChoice(status.value, status.label) for status in options]
    form.status.choices = [SelectChoice("", "Choose…"), *choices] if choices else []
    form.evidence.choices = [
        SelectChoice(citation.id, evidence_label(citation))
        for citation in claim.citations
        if citation.relation.is_evidence
    ]
    return form


def evidence_label(citation: CitationView) -> str:
    """How a citation reads in the evidence list: relation, speaker and the quote's first words."""
    speaker = citation.speaker.name if citation.speaker else "the document itself"
    words = citation.quote.split()
    opening = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    quote = f": “{opening}”" if opening else ""
    return f"{citation.relation.label} — {speaker}{quote} (in {citation.document.title}, citation #{citation.id})"


#: Audit rules whose finding belongs on the citation's own card.
QUOTE_RULES = ("QUOTE_NOT_FOUND", "QUOTE_ALTERED", "QUOTE_WITHDRAWN")


def render_claim(
    claim: ClaimView,
    form: StatusForm | None = None,
    code: int = 200,
    team: ClaimTeam | None = None,
) -> Any:
    """The claim page, with a status or team form kept as typed when one failed."""
    findings = findings_citing(claim.id, *claim.cited())
    user = current_user()
    judge = user is not None and user.can(Role.REVIEWER)
    #: Why this reviewer may not judge the claim (they wrote it or its present wording), or None.
    four_eyes = review.four_eyes_bars(user, claim, policy()) if judge else None
    return (
        render_template(
            "claims/detail.html",
            claim=claim,
            timeline=claim.timeline(),
            superseded=claim.superseded(),
            findings=findings,
            quote_findings={f.citation_id: f for f in findings if f.rule in QUOTE_RULES},
            status_form=status_form(claim, form),
            four_eyes=four_eyes,
            team=team or claim_team(claim.id),
        ),
        code,
    )


def render_claim_page(claim_id: int, code: int, *, team: ClaimTeam) -> Any:
    """The claim page again, with a team form that failed (kept as typed, its error named)."""
    db().rollback()
    return render_claim(load_view(claim_id), code=code, team=team)


def claim_page(claim_id: int) -> Any:
    """The claim page, its claim and the team's work on it read in one statement."""
    user = current_user()
    extra = EDITOR_SETS if user is not None and user.can(Role.EDITOR) else READER_SETS
    claim, sets = load_claim_page(db(), claim_id, extra)
    return render_claim(claim, team=claim_team(claim_id, read=team_from_sets(claim_id, sets)))


def load_view(claim_id: int) -> ClaimView:
    return load_claim_view(db(), claim_id)
