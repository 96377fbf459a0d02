"""How far a quotation with no cue stands from the quotation before it, in paragraphs.

A continuation goes on from the speaker quoted just before; what stands between may be page
text, a subheading, or the lines of a list (`lists`), none of which is a paragraph of the story
that could bring in someone else.
"""

from __future__ import annotations

from factdb.intake.described_leads import DescribedLeads
from factdb.intake.interludes import only_page_lines
from factdb.intake.lists import list_goes_on
from factdb.intake.quotes import QuotePiece


class Gaps(DescribedLeads):
    """The distance between two quotations, and where to stop looking for another name."""

    def _gap(self, earlier: QuotePiece, piece: QuotePiece) -> tuple[int, int]:
        """Paragraphs from the quotation before, not counting page text between, and where
        to stop looking for someone else named."""
        gap = piece.paragraph - earlier.paragraph
        if gap >= 2 and list_goes_on(
            self.text, self.paragraphs, self._pieces_in, self.mentions, earlier, piece
        ):
            # "Other roads include:" and "– Lovett Lane" between the speaker's words and an
            # item of the list: the list goes on with the one quoted above it. The places its
            # items name are what the words are about, so names are looked for only up to it.
            return 1, self.paragraphs[earlier.paragraph + 1].start
        if gap == 2 and (earlier.group == piece.group or self._subheading(piece.paragraph - 1)):
            # "Brekke working hard on finishing" between two paragraphs of one speaker's
            # quotation (or one left open across it) says what the words are about, not who.
            return 1, self.paragraphs[piece.paragraph - 1].start
        pages = only_page_lines(
            self.text, self.paragraphs, self._pieces_in, earlier.paragraph, piece.paragraph
        )
        return (1 if gap > 1 and pages else gap), piece.start
