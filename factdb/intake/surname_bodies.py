"""A surname alone the recogniser read as an organisation's name: the person named in full.

"Vice President Tanko Gwarzama … Represented by Dr Musa Idrisu, his adviser, Gwarzama
encouraged the delegates …": the recogniser reads a surname it does not know, written alone, as a
body's name, so the person a later "he said" means was the adviser. A single word that is the
surname (or the first name) of a person the article names in full, the subject of its clause,
is that person, unless the article names a body so ("Harbour Town FC", "the Harwick Gazette").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factdb.intake.mentions import Mention, Mentions


def bodies_who_are_people(mentions: Mentions) -> None:
    """Make people of the organisations that are the surname of a person named in full."""
    found = [m for m in mentions.organisations if _a_named_person(m, mentions)]
    if not found:
        return
    moved = {id(m) for m in found}
    mentions.organisations = [m for m in mentions.organisations if id(m) not in moved]
    for mention in found:
        mention.name = mentions.full_name(mention.name, mention.position)
        mention.kind = "person"
        mentions.add(mention)
    mentions.sort()


def _a_named_person(mention: Mention, mentions: Mentions) -> bool:
    name = mention.name
    if (
        " " in name
        or not name[:1].isupper()
        or name.isupper()
        or not mention.subject
        or mention.owner
        or mention.recipient
        or mention.place
        or mentions.organisation_led_by(name)
        or mentions.longer_organisation(name, mention.position) is not None
    ):
        return False
    full = mentions.full_name(name, mention.position)
    if " " not in full or full.casefold() == name.casefold():
        return False
    # "Harwick" after "Harwick Holdings" is the company, whoever else is called Harwick
    lead = name.casefold() + " "
    return not any(o.name.casefold().startswith(lead) for o in mentions.organisations)
