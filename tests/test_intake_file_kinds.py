"""An article file that is no text is named by what it looks like, as the import names it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factdb.article_text import decode
from factdb.cli import main
from factdb.errors import ValidationFailed

#: The first bytes of an image, a PDF with binary bytes and a ZIP archive, as files start.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200))


@pytest.mark.parametrize(
    ("data", "kind"),
    [(PNG, "a PNG image"), (PDF, "a PDF document"), (ZIP, "a ZIP archive")],
)
def test_a_file_of_another_kind_is_named(data, kind):
    with pytest.raises(ValidationFailed) as refused:
        decode(data)
    message = str(refused.value)
    assert f"looks like {kind}" in message and "cannot be read" not in message


def test_text_that_is_not_utf8_is_still_said_to_be_so():
    with pytest.raises(ValidationFailed, match="not UTF-8"):
        decode("Le café était fermé.".encode("latin-1"))
    assert decode("\ufeffLe café".encode()) == "Le café"


def test_the_command_names_a_png(tmp_path):
    picture = tmp_path / "chart.png"
    picture.write_bytes(PNG)
    refused = CliRunner().invoke(main, ["ingest", str(picture), "--dry-run"])
    assert refused.exit_code == 1
    assert "looks like a PNG image" in refused.output and "byte 0" not in refused.output
