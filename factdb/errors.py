"""Errors the domain raises; the web, API and CLI each turn them into their own answer."""

from __future__ import annotations

from typing import Any


class FactdbError(Exception):
    """Base class: `message` is written for the person who caused it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(FactdbError):
    """Input broke a rule; `fields` maps field names to what is wrong with each."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}

    @classmethod
    def at(cls, field: str, message: str) -> ValidationFailed:
        """One field is wrong, and what is said beside it is all there is to say."""
        return cls(message, {field: message})


class AlreadyRecorded(ValidationFailed):
    """A document typed by hand is one already recorded (the rule an import matches by)."""

    def __init__(self, message: str, field: str, document_id: int, title: str) -> None:
        super().__init__(message, {field: message})
        self.document_id = document_id
        self.title = title


class SavedMomentAgo(ValidationFailed):
    """The same person saved a claim with these words a moment ago (Back, then Save)."""

    def __init__(self, message: str, claim_id: int, text: str) -> None:
        super().__init__(message, {"text": message})
        self.claim_id = claim_id
        self.text = text


class DatabaseUnusable(FactdbError):
    """The configured database URL names no database factdb can open here."""


class NotFound(FactdbError):
    pass


class Conflict(FactdbError):
    """The record's state no longer allows the action (a job that has already ended)."""


class NotAllowed(FactdbError):
    """The user's role does not permit this action."""


class TooManyAttempts(FactdbError):
    """Too many failed log-ins lately for this account or from this address."""


class StaleEdit(FactdbError):
    """Someone saved the record after this user loaded it; `current` is their version.

    `parts` names what became of each part that changed since (a claim's citations,
    by id), so that a form can refresh exactly those and say which they were.
    """

    def __init__(self, message: str, current: Any, parts: dict[int, str] | None = None) -> None:
        super().__init__(message)
        self.current = current
        self.parts = parts or {}
