"""How guessable a password is: long enough is not enough when it is among the commonest.

zxcvbn estimates the guesses an attacker needs, from its lists of the most used
passwords, words and names, keyboard runs, dates and the account's own name and
e-mail: a password found in the first million guesses (score 0 or 1) is refused,
whichever way it is set (the users form, `factdb user add`, `factdb user set-password`).
"""

from __future__ import annotations

from collections.abc import Iterable

from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 8
#: What a form says a new password needs, before one is refused.
PASSWORD_HELP = (
    f"At least {MIN_PASSWORD_LENGTH} characters, and not easy to guess: several unrelated "
    "words, or a password manager's random one; not your name or e-mail."
)
#: zxcvbn's scores run 0-4; 2 and up need more than a million guesses.
MIN_SCORE = 2
#: zxcvbn reads no further (and refuses longer input); what lies beyond only adds strength.
_READ = 72


def password_problem(password: str, about: Iterable[str] = ()) -> str | None:
    """What is wrong with this password, said with what to do instead; None when it will do.

    `about` is what others know of the account (its e-mail, its name): a password made of
    it is guessed early.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    hints = [part for text in about for part in _parts(text)]
    found = zxcvbn(password[:_READ], user_inputs=hints)
    if found["score"] >= MIN_SCORE:
        return None
    warning = found["feedback"]["warning"].rstrip(".")
    why = f" ({warning[0].lower()}{warning[1:]})" if warning else ""
    return (
        f"This password is too easy to guess{why}: it is among the first million an attacker "
        "tries. Use several unrelated words, or a password manager's random one, "
        "and not your name or e-mail."
    )


def _parts(text: str) -> list[str]:
    """An e-mail or a name, whole and in its pieces (`ivo.brannock@example.org` → ivo, brannock…)."""
    pieces = text.replace("@", " ").replace(".", " ").replace("-", " ").split()
    return [text, *pieces]
