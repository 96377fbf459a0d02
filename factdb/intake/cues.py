"""Reporting verbs in languages the English parser cannot read, recognised by the word alone."""

#: Russian reporting verbs: the English parser cannot read Russian, so these stand on their own.
RUSSIAN_CUES = frozenset(
    [
        "заявил",
        "заявила",
        "заявили",
        "сказал",
        "сказала",
        "сказали",
        "отметил",
        "отметила",
        "отметили",
        "добавил",
        "добавила",
        "подчеркнул",
        "подчеркнула",
        "сообщил",
        "сообщила",
    ]
)
