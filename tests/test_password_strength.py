"""A password that is long enough but among the commonest, or made of the account's own name, is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.errors import ValidationFailed
from factdb.models import User
from factdb.users import create_user, get_user, update_user
from factdb.vocab import Role
from tests.test_cli import run  # noqa: F401  (the command-line fixture)


@pytest.mark.parametrize("password", ["password1", "12345678", "qwertyuiop", "iloveyou123"])
def test_a_common_password_is_refused_with_what_to_do(session, password):
    with pytest.raises(ValidationFailed) as refused:
        create_user(
            session, email="odile@example.org", name="Odile", role=Role.EDITOR, password=password
        )
    message = refused.value.fields["password"]
    assert "too easy to guess" in message and "several unrelated words" in message


def test_a_password_made_of_the_accounts_own_name_is_refused(session):
    with pytest.raises(ValidationFailed, match="too easy to guess"):
        create_user(
            session, email="brannock@example.org", name="Ivo Brannock", role=Role.EDITOR,
            password="brannock2024",
        )  # fmt: skip


def test_a_new_password_is_checked_too(session, make):
    admin = make.user(Role.ADMIN)
    editor = make.user(Role.EDITOR)
    with pytest.raises(ValidationFailed, match="too easy to guess"):
        update_user(
            session, editor.id, name=editor.name, role=editor.role, active=True,
            password="letmein123", acting=admin,
        )  # fmt: skip
    update_user(
        session, editor.id, name=editor.name, role=editor.role, active=True,
        password="plum ladder orbit", acting=admin,
    )  # fmt: skip
    assert get_user(session, editor.id).password_hash.startswith("$argon2")


def test_the_command_line_refuses_a_common_password(run, empty_database_url):  # noqa: F811
    refused = run("user", "add", "a@example.org", input="password123\n")
    assert refused.exit_code == 1 and "too easy to guess" in refused.output
    run("user", "add", "a@example.org", input="plum ladder orbit\n")
    again = run("user", "set-password", "a@example.org", input="qwerty123\n")
    assert again.exit_code == 1 and "too easy to guess" in again.output


def test_the_users_form_refuses_a_common_password(auth, make, session):
    make.user(Role.ADMIN, email="admin@example.org")
    auth.login("admin@example.org")
    refused = auth.post(
        "/users/new",
        {"email": "new@example.org", "name": "New", "role": "editor", "password": "abc12345"},
    )
    assert refused.status_code == 422
    assert "too easy to guess" in refused.get_data(as_text=True)
    session.rollback()
    assert session.scalar(select(func.count(User.id))) == 1


def test_the_new_user_form_says_what_a_password_needs(auth, make):
    make.user(Role.ADMIN, email="admin@example.org")
    auth.login("admin@example.org")
    page = auth.client.get("/users/new").get_data(as_text=True)
    assert "At least 8 characters" in page
    assert "not easy to guess" in page
