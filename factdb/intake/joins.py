"""Several accepted quotes under one claim: a review row may share the claim of another row.

A row that joins names the row whose claim it shares; that row (the group's first) says what
the claim is (a new one from its text, or the recorded claim it is added to), and the claim
is saved once with every citation of the group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factdb.intake import AcceptedQuote


def _number(accepted: AcceptedQuote, fallback: int) -> int:
    return fallback if accepted.position is None else accepted.position


def join_problems(quotes: list[AcceptedQuote]) -> dict[str, str]:
    """What is wrong with the rows' joins, under `join-<row>`: a row that joins one not
    ticked, itself, or (through others) back to itself, or that also names a claim."""
    rows = {_number(accepted, number): accepted for number, accepted in enumerate(quotes)}
    problems: dict[str, str] = {}
    for row, accepted in rows.items():
        target = accepted.joins
        if target is None:
            continue
        key = f"join-{row}"
        if accepted.merge_into is not None:
            problems[key] = (
                f"Quote {row + 1} shares the claim of quote {target + 1} and names claim "
                f"#{accepted.merge_into}: choose one."
            )
        elif target == row:
            problems[key] = (
                f"Quote {row + 1} shares the claim of another quote: give that quote's number."
            )
        elif target not in rows:
            problems[key] = (
                f"Quote {row + 1} shares the claim of quote {target + 1}, which is not ticked: "
                f"tick quote {target + 1}, or choose another claim for quote {row + 1}."
            )
        elif _loop(rows, row):
            problems[key] = (
                f"Quote {row + 1} and the quotes it shares a claim with each point to another: "
                "one of them must give the claim (its sentence, your words or a recorded claim)."
            )
    return problems


def _loop(rows: dict[int, AcceptedQuote], row: int) -> bool:
    """Whether following the joins from `row` comes back round to a row already passed."""
    seen = {row}
    target = rows[row].joins
    while target is not None and target in rows:
        if target in seen:
            return True
        seen.add(target)
        target = rows[target].joins
    return False


def claim_groups(quotes: list[AcceptedQuote]) -> list[list[AcceptedQuote]]:
    """The accepted quotes grouped by the claim they go to (joins checked first), each group
    led by the row that gives the claim, in the order the groups' first rows stand."""
    rows = {_number(accepted, number): accepted for number, accepted in enumerate(quotes)}

    def lead(row: int) -> int:
        while rows[row].joins is not None:
            row = rows[row].joins  # type: ignore[assignment]
        return row

    groups: dict[int, list[AcceptedQuote]] = {}
    for row in rows:
        groups.setdefault(lead(row), [])
    for row, accepted in rows.items():
        groups[lead(row)].append(accepted)
    return [sorted(group, key=lambda a: a.joins is not None) for group in groups.values()]
