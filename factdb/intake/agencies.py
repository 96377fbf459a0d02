"""News agencies: an agency named as the speaker reports someone else's words second-hand."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.mentions import ORGANISATION, Named
from factdb.intake.phrases import span_text, without_article

#: Wire services as articles name them, case-folded.
NEWS_AGENCIES = frozenset(
    [
        "reuters",
        "thomson reuters",
        "associated press",
        "ap",
        "agence france-presse",
        "agence france presse",
        "afp",
        "bloomberg",
        "bloomberg news",
        "dpa",
        "deutsche presse-agentur",
        "press association",
        "pa media",
        "press trust of india",
        "pti",
        "ani",
        "xinhua",
        "tass",
        "ria novosti",
        "interfax",
        "kyodo",
        "kyodo news",
        "yonhap",
        "efe",
        "ansa",
        "upi",
        "united press international",
        "anadolu",
        "anadolu agency",
        "canadian press",
        "australian associated press",
        "aap",
    ]
)


def agency_speaker(core: list[Token]) -> Named | None:
    """The agency, as an organisation that reports the words, when the phrase names one."""
    name = without_article(span_text(core))
    if name.casefold() not in NEWS_AGENCIES:
        return None
    return Named(
        name,
        ORGANISATION,
        how=f"{name} is a news agency: it reports the words second-hand",
        confidence=0.8,
    )
