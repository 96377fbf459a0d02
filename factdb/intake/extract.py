"""Find quotations, their speakers, and unattributed factual sentences in news text.

Rule-based: each pattern below is named, documented with an example, and tested on
the labelled corpus in tests/intake_corpus.py. Offsets always point into the text
given, so the audit and the reviewer can find every quote where it was.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

SPEECH_VERBS = (
    "said|says|say|added|adds|told|tells|stated|states|declared|warned|argued|insisted|explained|wrote|writes|"
    "noted|claimed|claims|acknowledged|asked|replied|continued|concluded|commented|remarked|stressed|"
    "suggested|announced|admitted|conceded|maintained|recalled|predicted|cautioned|complained|vowed|"
    "promised|conceded|observed|responded|confirmed|denied|emphasised|emphasized|pointed out|disagreed|agreed|"
    "objected|countered|retorted|urged|demanded|"
    "заявил|заявила|заявили|сказал|сказала|сказали|отметил|отметила|добавил|добавила|подчеркнул|подчеркнула"
)
HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Col|Lt|Capt|Sir|Dame|Rev|Sgt|Adm|Maj)\.?"
TITLES = (
    r"(?:President|Prime Minister|Vice President|Senator|Sen\.|Representative|Rep\.|Minister|Ambassador|Chancellor|"
    r"Secretary|Governor|Mayor|General|Admiral|Judge|Justice|Commissioner|Chairman|Chairwoman|Chair|Director|"
    r"Spokesman|Spokeswoman|Spokesperson|King|Queen|Prince|Princess|Foreign Minister|Defence Minister|Defense Secretary)"
)
_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ]"
_WORD = rf"{_UPPER}[\w'’\-]*"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|la|le|bin|ibn|al|el|ter|ten|dos|das|y)"
_CONNECTOR = r"(?:of|the|for|and|on|de|du|des)"
NAME = rf"(?:{_WORD}(?:\s+(?:(?:{_PARTICLE}|{_CONNECTOR})\s+)*{_WORD}){{0,5}})"
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
GENERIC = (
    r"(?:[Tt]he\s+|[Aa]n?\s+|[Hh]is\s+|[Hh]er\s+|[Tt]heir\s+)?(?:[a-z][\w'’\-]*\s+){0,4}"
    r"(?:officials?|sources?|spokes(?:wo)?man|spokesperson|statement|ministry|office|government|department|"
    r"experts?|analysts?|diplomats?|aides?|police|army|military|company|committee|report|agency|embassy|"
    r"presidency|kremlin|white house|council|institute|campaign|residents|witnesses|critics|observers|"
    r"minister|chancellor|governor|president|mayor|leader|head|chief|executive|secretary|commander|general|"
    r"prosecutor|judge|board|colleague|researcher|scientist|lawyer|director|chair|chairman|chairwoman|envoy)"
    r"(?:\s+(?:for|of)\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})?"
)
SPEAKER = rf"(?:(?:{HONORIFICS}\s+)?(?:{TITLES}\s+)?(?:the\s+)?{NAME}|{GENERIC}|he|she|they|it)"

_OPEN = '“"«„'
_CLOSE_FOR = {"“": "”", '"': '"', "«": "»", "„": "“"}


@dataclass
class Quote:
    text: str
    speaker: str | None
    speaker_role: str | None
    cue: str | None
    start: int
    end: int
    #: "direct" between quotation marks, "indirect" for reported speech without them.
    kind: str = "direct"

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("kind")
        return data


@dataclass
class CandidateClaim:
    text: str
    start: int
    end: int


@dataclass
class Extraction:
    quotes: list[Quote] = field(default_factory=list)
    claims: list[CandidateClaim] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "quotes": [q.to_json() for q in self.quotes],
            "claims": [asdict(c) for c in self.claims],
        }


# ----------------------------------------------------------------------------- quotation marks


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the words inside quotation marks, across paragraphs where news style
    reopens the quote at each new paragraph; an unclosed quote is skipped, not fatal."""
    spans: list[tuple[int, int]] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char not in _OPEN or (char == '"' and index > 0 and text[index - 1].isalnum()):
            index += 1
            continue
        closer = _CLOSE_FOR[char]
        start = index + 1
        position = start
        pieces: list[tuple[int, int]] = []
        closed = False
        while position < length:
            current = text[position]
            if (
                current == closer
                or (closer == '"' and current == "”")
                or (char == '"' and current == "”")
            ):
                pieces.append((start, position))
                closed = True
                break
            if text.startswith("\n\n", position) or (
                current == "\n" and text[position + 1 : position + 2] in _OPEN
            ):
                # A quote running on into the next paragraph reopens with a quotation mark there.
                after = position
                while after < length and text[after] == "\n":
                    after += 1
                if after < length and text[after] in _OPEN:
                    pieces.append((start, position))
                    start = position = after + 1
                    continue
                break
            position += 1
        if closed and pieces:
            first, last = pieces[0][0], pieces[-1][1]
            if text[first:last].strip():
                spans.append((first, last))
            index = last + 1
        else:
            index += 1  # unbalanced: ignore this mark and read on
    return spans


def _single_quote_spans(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """British style: ‘…’ or '…' around at least three words, not inside a double-quoted span."""
    spans = []
    for match in re.finditer(
        r"(?:(?<=^)|(?<=[\s(—–-]))[‘'](?=[A-Za-zÀ-ÿА-я])(.+?)[’'](?=[\s,.;:!?)—–-]|$)",
        text,
        re.DOTALL,
    ):
        start, end = match.start(1), match.end(1)
        if len(match.group(1).split()) < 3 or "\n\n" in match.group(1):
            continue
        if any(a <= start < b for a, b in taken):
            continue
        spans.append((start, end))
    return spans


# ----------------------------------------------------------------------------- attribution


@dataclass
class Speaker:
    name: str
    role: str | None
    cue: str


_APPOSITIVE = r"(?:,\s*(?P<role>(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’\-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’\-]*){0,3}|a|an|the|who|whose|chair|head|former|deputy|senior|chief|director|spokesperson|spokesman|spokeswoman|leader|member|minister|president|professor|secretary|adviser|advisor|ambassador|editor|author|founder|ceo|[a-z])[^,.;“\"”]{2,90}),)?"
_AFTER_VERB_FIRST = re.compile(
    rf"^[\s,.!?”\"»’'—–-]*(?P<cue>{SPEECH_VERBS})\s+(?P<speaker>(?:{TITLES}\s+)?(?:{HONORIFICS}\s+)?{NAME}|{GENERIC})(?:,\s*(?P<role>[^,.;“\"”]{{2,100}})[,.])?"
)
_AFTER_SPEAKER_FIRST = re.compile(
    rf"^[\s,.!?”\"»’']*(?P<speaker>{SPEAKER}){_APPOSITIVE}\s+(?P<cue>{SPEECH_VERBS})\b"
)
_BEFORE_SPEAKER_VERB = re.compile(
    rf"(?P<speaker>{SPEAKER}){_APPOSITIVE}\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?(?P<cue>{SPEECH_VERBS})"
    rf"(?:\s+(?:reporters|journalists|the\s+\w+|parliament|lawmakers|[A-Z][\w]+))?(?:\s+(?:on|in|at)\s+[\w ]{{1,30}})?"
    rf"(?:\s*[,:]\s*|\s+(?:that\s+)?[^“\"”.;]{{0,50}})$"
)
_BEFORE_ACCORDING = re.compile(
    rf"[Aa]ccording to (?P<speaker>{SPEAKER}){_APPOSITIVE}\s*,\s*[^“\"”.;]{{0,80}}$"
)
_BEFORE_AND_VERB = re.compile(rf"\band\s+(?P<cue>{SPEECH_VERBS}|announced)\b[^“\"”.;]{{0,80}}$")
_BEFORE_STATEMENT = re.compile(
    rf"(?:[Aa]|[Tt]he)\s+(?P<cue>statement|press release|spokesperson|spokesman|spokeswoman|report|letter|post)\s+"
    rf"(?:from|by|issued by|of|for)\s+(?P<speaker>(?:the\s+)?{NAME})\s+(?:said|read|stated|says|added|warned)\s*[,:]?\s*(?:that\s+)?(?:the\s+\w+\s+)?[^“\"]{{0,80}}$"
)
_BEFORE_WHO = re.compile(
    rf"(?:\bby|\bfrom)\s+(?P<role>(?:[a-z]+\s+){{0,3}})(?P<speaker>{NAME}),?\s+who\s+(?P<cue>{SPEECH_VERBS})\s*[,:]?\s*$"
)
_BEFORE_ADDING = re.compile(
    r",\s*(?P<cue>adding|saying|insisting|warning|noting|arguing)(?:\s+that)?\s*[,:]?\s*$"
)
_SUBJECT_CALLED = re.compile(
    rf"(?:^|,\s+)(?P<speaker>{SPEAKER})\s+(?P<cue>called|described|termed|branded|dubbed|labelled|labeled|denounced|condemned)\b[^“\"”.;]*$"
)
_SUBJECT_STATEMENT = re.compile(
    rf"(?:^|,\s+)(?P<speaker>(?:[Tt]he\s+|[Aa]\s+)?(?:[\w'’\-]+\s+){{0,5}}?(?:ministry|office|government|department|presidency|kremlin|embassy|committee|council|agency|{NAME}))\s+"
    rf"(?P<cue>released|issued|published|put out)\s+a\s+statement\b"
)


_PROPER_NAME = re.compile(rf"^{NAME}$")


def _named(speaker: str, role: str | None) -> tuple[str, str | None]:
    """ "the mayor, Luis Ortega," names Luis Ortega, whose role is mayor."""
    generic = not speaker[:1].isupper() or re.match(r"^(?:The|A|An|His|Her|Their)\s", speaker)
    if role and generic and _PROPER_NAME.match(role.strip()):
        return role.strip(), re.sub(r"^(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+", "", speaker)
    return speaker, role


def _clean_speaker(raw: str) -> tuple[str, str | None]:
    """Strip honorifics and the article before a proper name; a leading title becomes the role."""
    raw = " ".join(raw.split()).strip(" ,")
    raw = re.sub(rf"^[Tt]he\s+(?={_UPPER})", "", raw)
    raw = re.sub(rf"^{HONORIFICS}\s+", "", raw)
    title = re.match(rf"^({TITLES})\s+(?={_UPPER})", raw)
    role = None
    if title:
        role = title.group(1)
        raw = raw[title.end() :]
        raw = re.sub(rf"^{HONORIFICS}\s+", "", raw)
    raw = re.sub(r"['’]s$", "", raw)
    return raw, role


def _sentence_start(text: str, position: int) -> int:
    window = text[max(0, position - 400) : position]
    cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n"))
    return max(0, position - 400) + (cut + 1 if cut >= 0 else 0)


def _sentence_end(text: str, position: int) -> int:
    """Where the sentence holding a quote that closes at `position` ends (its attribution included)."""
    match = re.compile(r"[.!?][\"”’»]?(?=\s|$)").search(text, max(position - 1, 0))
    return min(match.end() if match else len(text), _paragraph_end(text, position))


def _paragraph_end(text: str, position: int) -> int:
    found = text.find("\n\n", position)
    return len(text) if found < 0 else found


class _Resolver:
    """Remembers who was named, so that "Halvorsen added" and "she said" find the full name."""

    def __init__(self) -> None:
        self.people: list[str] = []
        self.last: str | None = None
        self.roles: dict[str, str] = {}

    def resolve(self, name: str, role: str | None) -> tuple[str, str | None]:
        lower = name.lower()
        if lower in PRONOUNS:
            if self.last:
                return self.last, self.roles.get(self.last)
            return name, role
        if " " not in name and name[:1].isupper():
            for person in reversed(self.people):
                if person.split()[-1] == name or person.split()[0] == name:
                    self.last = person
                    return person, self.roles.get(person)
        if name[:1].isupper() and name not in self.people:
            self.people.append(name)
        if role and name not in self.roles:
            self.roles[name] = role
        self.last = name
        return name, role or self.roles.get(name)


def _attribute(text: str, start: int, end: int, previous: Speaker | None) -> Speaker | None:
    """Who the quote at [start, end) is attributed to, from the words around it."""
    after = text[end + 1 : min(_paragraph_end(text, end), end + 220)]
    sentence_start = _sentence_start(text, start - 1)
    before = text[sentence_start : max(sentence_start, start - 1)]
    before_line = before.rstrip()
    # A quote that closes its own sentence ("… in January.") is not followed by its attribution.
    closes_sentence = text[start:end].rstrip().endswith(".")
    for pattern in () if closes_sentence else (_AFTER_VERB_FIRST, _AFTER_SPEAKER_FIRST):
        match = pattern.match(after)
        if match and _plausible(match.group("speaker")):
            role = match.groupdict().get("role")
            return Speaker(
                match.group("speaker"), role.strip() if role else None, match.group("cue")
            )
    for pattern in (_BEFORE_STATEMENT, _BEFORE_WHO, _BEFORE_ACCORDING, _BEFORE_SPEAKER_VERB):
        match = pattern.search(before_line)
        if match and _plausible(match.group("speaker")):
            groups = match.groupdict()
            role = (groups.get("role") or "").strip() or None
            cue = groups.get("cue") or ("according to" if pattern is _BEFORE_ACCORDING else "said")
            return Speaker(match.group("speaker"), role, cue)
    for pattern in (_BEFORE_ADDING, _BEFORE_AND_VERB):
        continuation = pattern.search(before_line)
        if continuation and previous is not None:
            return Speaker(previous.name, previous.role, continuation.group("cue"))
    subject = _SUBJECT_STATEMENT.search(text[sentence_start:start])
    if subject:
        return Speaker(subject.group("speaker"), None, "statement")
    called = _SUBJECT_CALLED.search(before_line + " ")
    if called and _plausible(called.group("speaker")):
        return Speaker(called.group("speaker"), None, called.group("cue"))
    return None


_NOT_SPEAKERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "it was",
    "there",
    "but",
    "and",
    "in",
    "on",
    "at",
    "when",
    "as",
    "if",
}


def _plausible(speaker: str) -> bool:
    words = speaker.split()
    return (
        bool(words)
        and speaker.lower() not in _NOT_SPEAKERS
        and words[0].lower() not in {"but", "and", "when", "if", "as", "while", "in", "on"}
    )


# ----------------------------------------------------------------------------- reported speech without quotation marks


_INDIRECT = [
    (
        "according to",
        re.compile(
            rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’»]\s)|(?<=\n))According to (?P<speaker>{SPEAKER}){_APPOSITIVE}\s*,\s*(?P<text>[^“\"”\n]+?)[.!?](?=\s|$)"
        ),
    ),
    (
        "said that",
        re.compile(
            rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’»]\s)|(?<=\n))(?P<speaker>{SPEAKER}){_APPOSITIVE}\s+(?:also\s+|later\s+|then\s+)?(?P<cue>{SPEECH_VERBS})\s+that\s+(?P<text>[^“\"”\n]+?)[.!?](?=\s|$)"
        ),
    ),
    (
        "said",
        re.compile(
            rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’»]\s)|(?<=\n))(?P<text>[A-Z][^“\"”\n]+?),\s+(?P<speaker>{SPEAKER}){_APPOSITIVE}\s+(?P<cue>{SPEECH_VERBS})\.(?=\s|$)"
        ),
    ),
    (
        "said",
        re.compile(
            rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’»]\s)|(?<=\n))(?P<speaker>{SPEAKER}){_APPOSITIVE}\s+(?:also\s+|later\s+|then\s+)?(?P<cue>said|say|says|told reporters|believe|believes)\s+"
            rf"(?P<text>(?:the|a|an|it|he|she|they|there|this|his|her|their|its|no|most)\b[^“\"”\n]+?)[.!?](?=\s|$)"
        ),
    ),
]


# ----------------------------------------------------------------------------- candidate claims

_CHECKABLE = re.compile(
    r"\b(?:\d[\d,.]*|first|last|largest|biggest|smallest|highest|lowest|most|least|record|since|doubled|tripled|halved|"
    r"percent|per cent|million|billion|thousand|hundreds|dozens|because|caused|led to|resulted in|more than|fewer than|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|century|decade|never|only)\b|%|\b\w+est\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b|[“”\"«»]", re.IGNORECASE)
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)\.(?=\d))+(?:[.!?]+|$)")  # 7.4 does not end a sentence


def _claims(text: str, covered: list[tuple[int, int]]) -> list[CandidateClaim]:
    claims = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        stripped = sentence.strip()
        if len(stripped.split()) < 5 or stripped.endswith("?"):
            continue
        start = match.start() + (len(sentence) - len(sentence.lstrip()))
        end = start + len(stripped)
        if any(a < end and start < b for a, b in covered):
            continue
        if _ATTRIBUTION.search(stripped) or not _CHECKABLE.search(stripped):
            continue
        claims.append(CandidateClaim(stripped, start, end))
    return claims


# ----------------------------------------------------------------------------- the whole text


def extract(text: str) -> Extraction:
    """Quotes with speakers, reported speech, and candidate claims, in the order they appear."""
    spans = _quote_spans(text)
    spans = sorted(spans + _single_quote_spans(text, spans))
    resolver = _Resolver()
    result = Extraction()
    previous: Speaker | None = None
    covered: list[tuple[int, int]] = []
    for start, end in spans:
        words = text[start:end]
        flat = " ".join(re.sub(r"\n+\s*[“\"«„]?", " ", words).split())
        speaker = _attribute(text, start, end, previous)
        if speaker is None and len(flat.split()) < 4:
            continue  # a scare quote or a title, not somebody's words
        name, role = (None, None)
        if speaker is not None:
            named, named_role = _named(speaker.name, speaker.role)
            speaker = Speaker(named, named_role, speaker.cue)
            cleaned, title = _clean_speaker(speaker.name)
            name, role = resolver.resolve(cleaned, speaker.role or title)
            previous = Speaker(name, role, speaker.cue)
        result.quotes.append(
            Quote(
                flat.rstrip(",").strip(), name, role, speaker.cue if speaker else None, start, end
            )
        )
        covered.append((_sentence_start(text, start - 1), _sentence_end(text, end)))
    for cue, pattern in _INDIRECT:
        for match in pattern.finditer(text):
            if any(a <= match.start("text") < b for a, b in covered):
                continue
            if not _plausible(match.group("speaker")):
                continue
            named, named_role = _named(
                match.group("speaker"), (match.groupdict().get("role") or "").strip() or None
            )
            cleaned, title = _clean_speaker(named)
            name, role = resolver.resolve(cleaned, named_role or title)
            words = match.group("text").strip()
            start = match.start("text")
            result.quotes.append(
                Quote(
                    words,
                    name,
                    role,
                    match.groupdict().get("cue") or cue,
                    start,
                    start + len(words),
                    "indirect",
                )
            )
            covered.append((match.start(), match.end()))
    result.quotes.sort(key=lambda quote: quote.start)
    result.claims = _claims(text, covered)
    return result
