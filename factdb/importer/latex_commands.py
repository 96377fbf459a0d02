"""The LaTeX commands .bib files use beyond pylatexenc's defaults, and a reader that keeps the
text of any command it does not know.

pylatexenc reads a command it has no text for as nothing, argument and all: `{\\TeX book}`
became "book" and `\\texttt{Alba}` vanished. Here biblatex's and the logos' commands have
their text, and any other command keeps the text of its arguments and is named, so that the
import can say which entry holds it instead of losing words quietly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pylatexenc import latexwalker, macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context

#: Font switches, old (`{\em Gull}`) and new (`{\itshape Gull}`): the words they switch stay.
FONT_SWITCHES = (
    "em", "bf", "it", "sl", "sc", "rm", "tt", "sf", "up", "md", "normalfont", "itshape",
    "bfseries", "scshape", "slshape", "upshape", "mdseries", "rmfamily", "sffamily", "ttfamily",
)  # fmt: skip
#: Command -> (its arguments, as pylatexenc's walker spells them; its text, where `%s` is the
#: text of its arguments). Markup (italics, small capitals) is read as its words: factdb keeps
#: a title as plain text, as it always read `\emph`.
COMMANDS: dict[str, tuple[str, str]] = {
    "TeX": ("", "TeX"),
    "LaTeX": ("", "LaTeX"),
    "LaTeXe": ("", "LaTeX2e"),
    "BibTeX": ("", "BibTeX"),
    "XeTeX": ("", "XeTeX"),
    "XeLaTeX": ("", "XeLaTeX"),
    "LuaTeX": ("", "LuaTeX"),
    "LuaLaTeX": ("", "LuaLaTeX"),
    "ConTeXt": ("", "ConTeXt"),
    "AmS": ("", "AMS"),
    "METAFONT": ("", "METAFONT"),
    "MF": ("", "METAFONT"),
    "MP": ("", "METAPOST"),
    "hyphen": ("", "-"),
    "hyphenate": ("", ""),
    "slash": ("", "/"),
    "nobreakspace": ("", "\N{NO-BREAK SPACE}"),
    "relax": ("", ""),
    "protect": ("", ""),
    **dict.fromkeys(FONT_SWITCHES, ("", "")),
    "autocap": ("{", "%s"),
    "textnormal": ("{", "%s"),
    "texttt": ("{", "%s"),
    "textsf": ("{", "%s"),
    "textrm": ("{", "%s"),
    "textup": ("{", "%s"),
    "textmd": ("{", "%s"),
    "textsl": ("{", "%s"),
    "textsuperscript": ("{", "%s"),
    "textsubscript": ("{", "%s"),
    "mbox": ("{", "%s"),
    "hbox": ("{", "%s"),
    "ensuremath": ("{", "%s"),
    "mkbibemph": ("{", "%s"),
    "mkbibitalic": ("{", "%s"),
    "mkbibbold": ("{", "%s"),
    "mkbibacro": ("{", "%s"),
    "mkbibsuperscript": ("{", "%s"),
    "mkbibsubscript": ("{", "%s"),
    "mkbibquote": ("{", "\N{LEFT DOUBLE QUOTATION MARK}%s\N{RIGHT DOUBLE QUOTATION MARK}"),
    "enquote": ("*{", "\N{LEFT DOUBLE QUOTATION MARK}%(2)s\N{RIGHT DOUBLE QUOTATION MARK}"),
    "mkbibparens": ("{", "(%s)"),
    "mkbibbrackets": ("{", "[%s]"),
    "textcolor": ("{{", "%(2)s"),
    "href": ("{{", "%(2)s"),
    "lowercase": ("{", "%s"),
    "uppercase": ("{", "%s"),
    "MakeLowercase": ("{", "%s"),
    "MakeUppercase": ("{", "%s"),
    # BibTeX's sorting trick: `{\noopsort{1973b}}1973` prints only what follows.
    "noopsort": ("{", ""),
    "sortnoop": ("{", ""),
    "SortNoop": ("{", ""),
}


def _walker_context() -> macrospec.LatexContextDb:
    """pylatexenc's parser, told which of these commands take arguments."""
    context = latexwalker.get_default_latex_context_db()
    specs = [macrospec.MacroSpec(name, arguments) for name, (arguments, _) in COMMANDS.items()]
    context.add_context_category("factdb-bib", macros=specs, prepend=True)
    return context


def _text_context() -> macrospec.LatexContextDb:
    """pylatexenc's text for each command, with these commands' text."""
    context = text_context()
    specs = [MacroTextSpec(name, written) for name, (_, written) in COMMANDS.items()]
    context.add_context_category("factdb-bib", macros=specs, prepend=True)
    return context


WALKER_CONTEXT = _walker_context()


class BibText(LatexNodes2Text):
    """LaTeX to text that keeps an unknown command's arguments and names the command."""

    def __init__(self, **flags: object) -> None:
        super().__init__(latex_context=_text_context(), **flags)
        #: The commands read without a text of their own, in the order met.
        self.unknown: list[str] = []

    def macro_node_to_text(self, node: latexwalker.LatexMacroNode) -> str:
        """The command's text; an unknown one's arguments, noted rather than dropped."""
        if self.latex_context.get_macro_spec(node.macroname) is not None:
            return super().macro_node_to_text(node)
        if node.macroname not in self.unknown:
            self.unknown.append(node.macroname)
        arguments = node.nodeargd.argnlist if node.nodeargd and node.nodeargd.argnlist else []
        return "".join(self._groupnodecontents_to_text(arg) for arg in arguments if arg is not None)

    def read(self, value: str) -> tuple[str, tuple[str, ...]]:
        """The value as text, and the commands in it that have no text of their own."""
        self.unknown = []
        nodes = latexwalker.LatexWalker(value, latex_context=WALKER_CONTEXT).get_latex_nodes()[0]
        return self.nodelist_to_text(nodes), tuple(self.unknown)


#: A command defined with no arguments: `\newcommand{\X}{`, `\providecommand*\X{`, `\def\X{`.
_DEFINITION = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*"
    r"(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*\{|\\def\s*\\([A-Za-z]+)\s*\{"
)


def defined_commands(preamble: str) -> dict[str, str]:
    """The argument-less commands a file's @preamble defines, each with its LaTeX.

    Hand-kept files spell their logos and names once there (`\\providecommand{\\TUG}{…}`);
    without them `{\\TUG}` read as nothing, and a title of only that as no title.
    """
    commands: dict[str, str] = {}
    for match in _DEFINITION.finditer(preamble):
        depth, end = 1, match.end()
        while end < len(preamble) and depth:
            depth += {"{": 1, "}": -1}.get(preamble[end], 0) if preamble[end - 1] != "\\" else 0
            end += 1
        if not depth:
            name = next(group for group in match.groups() if group)
            commands.setdefault(name, "{" + preamble[match.end() : end - 1] + "}")
    return commands


def expand_commands(value: str, commands: dict[str, str], spend: Callable[[str], str]) -> str:
    """The value with each defined command (and the `{}` that may end it) replaced by its LaTeX,
    once (a definition's own commands are not expanded); `spend` counts what that adds."""
    if not commands or "\\" not in value:
        return value
    pattern = re.compile(r"\\(" + "|".join(map(re.escape, commands)) + r")(?![A-Za-z])(?:\{\})?")
    return pattern.sub(lambda match: spend(commands[match.group(1)]), value)
