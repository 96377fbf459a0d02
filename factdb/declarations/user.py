"""An account's fields, each named once: what is stored, validated and shown in its forms.

Passwords are not declared here: they are hashed, never stored or shown (factdb.users).
"""

from __future__ import annotations

from factdb.declarations.base import CHOICE, Field, Record
from factdb.vocab import Role

USER = Record(
    "user",
    (
        Field("email", "E-mail", max_length=254, required="Give an e-mail address.",
              column={"unique": True}, history="e-mail"),
        Field("name", "Name", max_length=200,
              description="Left empty, the part of the e-mail address before the @."),
        Field("role", "Role", CHOICE, choices=Role, form_initial=Role.EDITOR),
    ),
)  # fmt: skip
