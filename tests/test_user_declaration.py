"""One declaration of an account's fields: the form and the command line keep the same rules."""

from __future__ import annotations

from sqlalchemy import func, select

from factdb.declarations.user import USER
from factdb.models import User
from factdb.vocab import Role
from tests.test_cli import _count, run  # noqa: F401  (fixture)

MESSAGE = "Keep the name under 200 characters."


def test_columns_hold_what_the_declaration_allows():
    assert User.__table__.c.name.type.length == USER["name"].max_length == 200
    assert User.__table__.c.email.type.length == 254 and User.__table__.c.email.unique


def test_a_long_name_is_refused_with_one_message_on_form_and_command_line(
    run,  # noqa: F811
    empty_database_url,
):
    refused = run("user", "add", "a@example.org", "--name", "n" * 201, input="long enough\n")
    assert refused.exit_code == 1 and MESSAGE in refused.output
    assert _count(empty_database_url, User) == 0


def test_the_form_shows_the_domains_message_beside_the_field(client, auth, make, session):
    make.user(Role.ADMIN, email="admin@example.org")
    auth.login("admin@example.org")
    refused = auth.post(
        "/users/new",
        {
            "email": "new@example.org",
            "name": "n" * 201,
            "role": "editor",
            "password": "long enough",
        },
    )
    assert refused.status_code == 422
    assert MESSAGE in refused.get_data(as_text=True).split('name="name"', 1)[1]
    other = auth.post(
        "/users/new",
        {"email": "new@example.org", "name": "New", "role": "boss", "password": "long enough"},
    )
    assert other.status_code == 422
    assert "Choose one of: viewer, editor, reviewer, admin." in other.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(User.id))) == 1
