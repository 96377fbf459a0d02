"""Maths a .bib title was written with reads as text where a format has no maths."""

from __future__ import annotations

import json

from factdb import importer
from factdb.export import export

_OXIDE = r"""@article{oxide,
  title = {Glow of Vr$_{2-\delta}$O films at $25\,^\circ\mathrm{C}$ and ${}^{57}$Qx},
  author = {Quillon, Bram},
  journal = {Invented Physics Letters},
  year = 1988,
}
"""


def test_a_title_s_maths_is_csl_rich_text_and_the_bib_keeps_it(session):
    """A physics library's `Cu$_2$O` printed its dollars in CSL-JSON and every formatted style."""
    importer.import_references(session, None, _OXIDE.encode(), format_name="bibtex")
    session.commit()
    (item,) = json.loads(export(session, "csl-json").content)
    assert item["title"] == "Glow of Vr<sub>2-δ</sub>O films at 25 °C and <sup>57</sup>Qx"
    apa = export(session, "apa").content
    # pandoc's plain text writes a subscript without Unicode digits of its own as `_(…)`.
    assert "Glow of Vr_(2-δ)O films at 25 °C and ⁵⁷Qx. Invented Physics Letters." in apa
    assert r"Vr{$_{2-\delta}$}O" in export(session, "biblatex").content
