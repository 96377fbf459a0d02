"""Sources from the command line: merge one into another."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from factdb.cli.common import as_option, command_app, domain_errors, upgrade
from factdb.db import transaction
from factdb.web.database import database
from factdb.wording import counted


@click.group("source")
def source_group() -> None:
    """Manage sources."""


@source_group.command("merge")
@click.argument("source_id", type=int)
@click.option("--into", "into_id", type=int, required=True, help="The id of the source to keep.")
@click.option("--yes", is_flag=True, help="Merge without asking (what moves is still printed).")
@as_option
@with_appcontext
def source_merge_command(source_id: int, into_id: int, yes: bool, as_email: str | None) -> None:
    """Merge source SOURCE_ID into the source --into: one person or body recorded twice.

    Its citations, documents, members and history move to the kept source, its names become
    that source's aliases, and its address leads there. What will move is printed first.
    """
    from factdb.source_merge import merge_source, plan_merge
    from factdb.users import acting_user

    app = command_app()
    upgrade(app)
    with domain_errors(), transaction(database(app).writer) as session:
        user = acting_user(session, as_email)
        plan = plan_merge(session, source_id, into_id)
        merged, kept = plan.merged, plan.kept
        click.echo(f"Merging {merged.name} (#{merged.id}) into {kept.name} (#{kept.id}):")
        click.echo(f"  {counted(plan.citations, 'citation')} of {counted(plan.claims, 'claim')}, "
                   f"{counted(plan.documents, 'document')} authored, "
                   f"{counted(len(plan.children), 'member')} move")  # fmt: skip
        if plan.aliases:
            click.echo(f"  new aliases: {'; '.join(plan.aliases)}")
        for name, value in plan.filled.items():
            click.echo(f"  {name} taken: {getattr(value, 'value', value)}")
        if not yes:
            click.confirm("Merge?", abort=True)
        merge_source(session, user, source_id, into_id, merged.version)
        said = f"Merged {merged.name} into {kept.name} (#{kept.id})."
    click.echo(said)


COMMANDS = [source_group]
