"""The Markdown claim report escapes what Markdown reads where it stands: "second\\-hand",
"(paraphrase\\)" escaped characters that mean nothing mid-line."""

from __future__ import annotations

import subprocess

import pytest

from factdb.export.report import md_escape


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("second-hand (as told) costs 3+4!", "second-hand (as told) costs 3+4!"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("# not a heading", "\\# not a heading"),
        ("1984. Not a list", "1984\\. Not a list"),
        (
            "a *b* _c_ `d` [e](f) <g> ~h~ \\i | j",
            "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> \\~h\\~ \\\\i \\| j",
        ),
        ("![image](x)", "!\\[image\\](x)"),
        ("pages 4--9", "pages 4\\--9"),
    ],
)
def test_only_what_markdown_reads_there_is_escaped(text, escaped):
    assert md_escape(text) == escaped


@pytest.mark.parametrize(
    "text",
    [
        "second-hand",
        "- one",
        "1984. Two",
        "a *b* [e](f) <i>x</i> ![g](h) `c`",
        "# three",
        "4--9 and ---",
    ],
)
def test_pandoc_reads_the_text_back_as_written(text):
    done = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
        input=md_escape(text), capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == text
