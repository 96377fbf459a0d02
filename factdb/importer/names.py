"""Read the author names of BibTeX, RIS and CSL-JSON as persons or organisations.

A person keeps particles with the family name ("van der Leyen", as factdb stores it)
and a suffix ("Jr.") in the full name only, where the exports find it again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from bibtexparser.middlewares.names import parse_single_name_into_parts

from factdb.documents import AuthorSpec
from factdb.export.bibtex_title import braces_paired
from factdb.export.csl import csl_parts
from factdb.importer.model import Reference
from factdb.importer.values import one_line
from factdb.sources import is_name_suffix, split_person_name
from factdb.text import AUTHORS_TRUNCATED, clean
from factdb.vocab import SourceKind

_EXTENDED = re.compile(r"^\s*(family|given|prefix|suffix|useprefix)\s*=", re.IGNORECASE)
#: One accented or special letter written in LaTeX: `{\'{A}}`, `{\'A}`, `\'{A}`, `\'A`, `{\O}`.
_SPECIAL_LETTER = re.compile(
    r"\{\\(?:[`'^\"~=.]\s*|[uvHcdbrtk]\s+|[uvHcdbrtk](?=\{))\{?[A-Za-z]\}?\}"
    r"|\\[`'^\"~=.]\s*(?:\{[A-Za-z]\}|[A-Za-z])|\\[uvHcdbrtk]\{[A-Za-z]\}"
    r"|\{\\(?:ae|AE|oe|OE|aa|AA|ss|o|O|l|L)\}"
)


#: "et al." closing a name list, as files write it: "et al.", "et al", "et. al.", "et.al.",
#: "& al.", after "and" or a comma, or braced as a name of its own.
_ET_AL = re.compile(
    r"(?:^|[\s,]+)(?:(?:and|&)\s+)?\{?\s*(?:et\.?\s*|&\s*)al\b\.?\s*\}?\s*$", re.IGNORECASE
)
ET_AL_NOTE = "“et al.” after the last author read as “and others”"


def without_et_al(reference: Reference, names: list[str]) -> list[str]:
    """The names without the "et al." that closes the last, read as "and others", with a note.

    Left on, "M.J. Berger et.al." became one person of that name, and "et al." a source.
    """
    if names and names[-1].casefold() == "others":  # BibTeX's own "et al.", said nothing of
        reference.kept[AUTHORS_TRUNCATED] = "others"
        return names[:-1]
    if not names:
        return names
    last = _ET_AL.sub("", names[-1]).strip(" ,;")
    if last == names[-1].strip():
        return names
    reference.note(ET_AL_NOTE)
    reference.kept[AUTHORS_TRUNCATED] = "others"
    return [*names[:-1], last] if last else names[:-1]


def name_part(value: str) -> str:
    """A family or given name without the commas and semicolons a list left at its ends.

    Zotero keeps a name split at the wrong comma as it was typed ("Marrow," and
    "Ewan"), and an export would then write "Marrow,, Ewan", which biber cannot read.
    """
    return clean(value).strip(" ,;")


def person(
    family: str, given: str, suffix: str = "", particle: str = "", *, ordered: bool = True
) -> AuthorSpec:
    """A person; the full name reads "Given particle Family Suffix".

    BibTeX reads "Martin Luther King Jr." as the family name "Jr." and "Martin Luther King,
    Jr." as the given name "Jr.": a suffix standing for a name is taken back out. A family
    name its writer `ordered` (before a comma, in its own field) stays one: "Senior, Carla".
    """
    family = name_part(" ".join(part for part in (name_part(particle), name_part(family)) if part))
    given, suffix = name_part(given), name_part(suffix)
    if not suffix and given and not ordered and is_name_suffix(family):
        suffix, (family, given) = family, split_person_name(given)
    elif not suffix and " " in family and is_name_suffix(given):
        suffix, (family, given) = given, split_person_name(family)
    written = " ".join(part for part in (given, family, suffix) if part)
    given = _initials(given, family)
    name = " ".join(part for part in (given, family, suffix) if part)
    return AuthorSpec(name, SourceKind.PERSON, family, given, written if written != name else "")


#: Two capitals, or three with no vowel, given as a first name: initials run together
#: ("Fisher, LA", "Fisher, JRR").
_RUN_INITIALS = re.compile(r"[A-Z]{2}|[B-DF-HJ-NP-TV-XZ]{3}")


def _initials(given: str, family: str) -> str:
    """Initials run together as a given name ("LA", as PubMed-fed RIS files write them)
    spelled as initials ("L. A."), so the references print "Fisher, L. A.", not "Fisher, L.".

    A name written wholly in capitals ("FISHER, ANN") keeps its given name, and so do three
    capitals with a vowel ("Fisher, ANN", "IAN", "AMY"): they may be a name, and spelling
    Ann as "A. N. N." invents two initials, where keeping it loses none. Cited, it is then
    "Fisher, A.", as BibTeX ({f.}), citeproc-js and pandoc's citeproc all initialise a given
    name in capitals; three such initials ("ALM") print as one, the cost of the doubt.
    """
    if _RUN_INITIALS.fullmatch(given) and not family.isupper():
        return " ".join(f"{letter}." for letter in given)
    return given


def organisation(name: str) -> AuthorSpec:
    return AuthorSpec(name_part(name), SourceKind.ORGANISATION)


def _biblatex_extended(name: str, text: Callable[[str], str]) -> AuthorSpec:
    """biblatex's `family=Oord, given=Aaron, prefix=van den, useprefix=true`."""
    parts: dict[str, str] = {}
    for item in re.split(r",(?![^{]*\})", name):
        key, _, value = item.partition("=")
        parts[key.strip().casefold()] = text(value.strip())
    return person(parts.get("family", ""), parts.get("given", ""), parts.get("suffix", ""),
                  parts.get("prefix", ""))  # fmt: skip


def bibtex_name(name: str, text: Callable[[str], str]) -> AuthorSpec | None:
    """One BibTeX name ("Family, Jr., Given", "Given von Family", "{Org Name}")."""
    name = name.strip()
    if not name:
        return None
    if _EXTENDED.match(name):
        return _biblatex_extended(name, text)
    if name.startswith("{") and name.endswith("}") and braces_paired(name[1:-1]):
        return organisation(text(name[1:-1]))
    # A special letter is read as its character first: the splitter takes `{\'{A}}ngel` for a
    # lower-case word (a particle), where BibTeX reads the case of the letter inside.
    name = _SPECIAL_LETTER.sub(lambda match: _letter(match.group(0), text), name)
    parts = parse_single_name_into_parts(name, strict=False)
    family = text(" ".join(parts.last))
    given = text(" ".join(parts.first))
    particle = text(" ".join(parts.von))
    suffix = text(" ".join(parts.jr))
    if not given and not particle and " " in family:
        return organisation(family)
    if not family and not given:
        return None
    return person(family, given, suffix, particle, ordered="," in name)


def _letter(written: str, text: Callable[[str], str]) -> str:
    """One special letter as its character, or as written when LaTeX gives no single letter."""
    letter = text(written)
    return letter if len(letter) == 1 and letter.isalpha() else written


def ris_name(value: str) -> AuthorSpec | None:
    """RIS "Family, Given[, Suffix]" is a person; a name without a comma, an organisation."""
    value = one_line(value)
    if not value:
        return None
    if "," not in value:
        return organisation(value)
    family, _, rest = value.partition(",")
    given, _, suffix = rest.partition(",")
    return person(family.strip(), given.strip(), suffix.strip())


def clean_csl_names(names: object) -> object:
    """A CSL name list kept as it was (editors, translators…), each part as `name_part` reads it."""
    if not isinstance(names, list):
        return names
    return [
        {k: name_part(v) if isinstance(v, str) else v for k, v in name.items()}
        if isinstance(name, dict)
        else name
        for name in names
    ]


def csl_name(value: object) -> AuthorSpec | None:
    """A CSL name object: {literal} is an organisation; family/given/particles/suffix a person."""
    if isinstance(value, str):
        return organisation(value) if value.strip() else None
    if not isinstance(value, dict):
        return None

    def part(key: str) -> str:
        item = value.get(key, "")
        if isinstance(item, str):
            return one_line(item)
        return str(item) if isinstance(item, int) and not isinstance(item, bool) else ""

    if part("literal"):
        return organisation(part("literal"))
    family, given = part("family"), part("given")
    if not family and not given:
        return None
    # factdb keeps every particle with the family name ("van Dokkum"), as it does for BibTeX.
    particle = " ".join(filter(None, [part("dropping-particle"), part("non-dropping-particle")]))
    return person(family, given, part("suffix"), particle)


def editors_as_csl(editors: Iterable[AuthorSpec | None]) -> str:
    """Editors as the CSL-JSON name list every export reads (`csl.editor`), "" for none.

    Editors are no authors, and no sources: they are kept with the document's other fields.
    """
    parts = [csl_parts(e.name, e.family, e.given, is_person=e.kind.is_person) for e in editors if e]
    return json.dumps(parts, ensure_ascii=False) if parts else ""
