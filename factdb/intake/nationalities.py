"""Nationalities written as nouns: "the Dane said", "the Scot offered his congratulations"."""

from __future__ import annotations

#: Nationalities written as nouns ("the Dane said"); the recogniser often calls them ORG.
_NATIONALITIES = """afghan albanian algerian american andorran angolan argentine argentinian armenian
    australian austrian azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian
    brazilian briton brit bulgarian cameroonian canadian chilean chinese colombian congolese
    croat croatian cuban cypriot czech dane dutchman egyptian englishman estonian ethiopian
    filipino finn frenchman georgian german ghanaian greek guatemalan haitian honduran hungarian
    icelander indian indonesian iranian iraqi irishman israeli italian ivorian jamaican japanese
    jordanian kazakh kenyan korean kosovan kuwaiti latvian lebanese liberian libyan lithuanian
    macedonian malaysian malian maltese mexican moldovan mongolian montenegrin moroccan
    namibian nepalese nigerian norwegian pakistani palestinian panamanian paraguayan peruvian
    pole portuguese qatari romanian russian rwandan saudi scot scotsman senegalese serb serbian
    slovak slovakian slovenian somali spaniard sudanese swede swiss syrian taiwanese tanzanian
    thai tunisian turk ugandan ukrainian uruguayan uzbek venezuelan vietnamese welshman
    yemeni zambian zimbabwean"""
NATIONALITY_NOUNS = frozenset(_NATIONALITIES.split())
#: Nationalities whose noun is also their plural: "the Swiss voted" is a people, not a person.
SAME_IN_PLURAL = frozenset(w for w in NATIONALITY_NOUNS if w == "swiss" or w.endswith("ese"))

#: Adjectives of a country that do not begin with its name: "the English coach" is England's.
_COUNTRY_OF = {
    "english": "england", "welsh": "wales", "scottish": "scotland", "irish": "ireland",
    "british": "britain", "french": "france", "dutch": "netherlands", "swiss": "switzerland",
    "spanish": "spain", "swedish": "sweden", "danish": "denmark", "finnish": "finland",
    "polish": "poland", "turkish": "turkey", "greek": "greece", "norwegian": "norway",
}  # fmt: skip


def same_country(adjective: str, name: str) -> bool:
    """Whether a nationality and a word of a country's name are one country: "indian" and
    "india", "pakistani" and "pakistan", "italian" and "italy", "english" and "england"."""
    if adjective == name or _COUNTRY_OF.get(adjective) == name:
        return True
    stem = name[:-1] if len(name) >= 5 and name[-1] in "aeiouy" else name
    return len(stem) >= 4 and adjective.startswith(stem) and len(adjective) - len(stem) <= 4
