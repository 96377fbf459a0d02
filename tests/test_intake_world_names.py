"""Names as the world writes them: honorifics from outside the British and American set, one
name spelt two ways, given names before a patronymic, and three names after an office abroad."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from factdb.intake.extract import extract
from factdb.intake.honorifics import with_names_after_honorifics
from factdb.intake.mentions import ORGANISATION, PERSON, Mention, Mentions
from factdb.intake.name_variants import NameForms, one_letter_apart, same_name_word
from factdb.intake.nlp import pipeline
from factdb.intake.subjects import described_subjects


def _direct(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_role) for q in extract(text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("“Roads come first,” said Prime Minister Datuk Seri Razlan Tun Hamdan.",
         "Razlan Tun Hamdan", "Prime Minister"),
        ("“We will repair every road,” said Dato' Sri Ahmad Faiz bin Rosli, the works minister.",
         "Ahmad Faiz bin Rosli", "works minister"),
        ("“The borehole will be ready in May,” Engr. Tunde Adeyemi told reporters in Ilora.",
         "Tunde Adeyemi", None),
        ("“We have paid the contractor,” said Alhaji Musa Danbaba, the council chairman.",
         "Musa Danbaba", "council chairman"),
        ("“Nobody will be left out,” said Shri Ramesh Kumar Verma, the district collector.",
         "Ramesh Kumar Verma", "district collector"),
        ("“We will appeal,” said Tan Sri Abdul Karim Haji Salleh, the group chairman.",
         "Abdul Karim Haji Salleh", "group chairman"),
    ],
)  # fmt: skip
def test_an_honorific_is_neither_the_name_nor_cuts_it(text, speaker, role):
    assert _direct(text) == [(speaker, role)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a name of one word keeps its honorific; "Sheikh" is as often a family name
        ("“Come early,” Datuk Halim told the crowd.", "Datuk Halim"),
        ("“Trade must go on,” said Fisheries Minister Sheikh Farooq.", "Sheikh Farooq"),
        # English ranks and the courtesies the recogniser reads well are as they were
        ("“The rules are clear,” Detective Chief Inspector Lena Holt said.", "Inspector Lena Holt"),
        ("“We are ready,” said Dr Ivo Brandt.", "Ivo Brandt"),
    ],
)
def test_what_is_written_as_a_name_stays_one(text, speaker):
    assert [s for s, _role in _direct(text)] == [speaker]


def test_a_place_named_after_an_honorific_is_no_person():
    text = "“Trading resumes on Monday,” said a spokesman for Tun Hamdan Exchange."
    assert extract(text).quotes[0].speaker_kind == "vague"


def test_a_later_short_name_is_the_person_named_with_honorifics_before():
    text = (
        "KUALA TERAP: Tan Sri Halim Zakaria stepped down as chairman of Terap Holdings, said "
        "Prime Minister Datuk Seri Razlan Tun Hamdan.\n\n"
        "Razlan said he had met Halim and former minister Datuk Seri Kamal Ishak on Monday.\n\n"
        "“Halim agreed to step down. I thank him for his service,” he told reporters.\n\n"
        "“The board will decide soon,” Razlan added."
    )
    assert [s for s, _role in _direct(text)] == ["Razlan Tun Hamdan", "Razlan Tun Hamdan"]


def test_the_given_names_before_a_patronymic_are_the_person_named_in_full():
    text = (
        "“We will repair every road,” said Dato' Sri Ahmad Faiz bin Rosli, the works minister."
        "\n\n“Contractors who delay will be fined,” Ahmad Faiz said."
    )
    assert [s for s, _role in _direct(text)] == ["Ahmad Faiz bin Rosli"] * 2


def test_one_name_spelt_two_ways_is_one_person():
    text = (
        "Fisheries Minister Sheikh Rasheed Malik spoke in Karvan on Tuesday.\n\n"
        "“The border will stay open,” Sheikh Rashid Malik said.\n\n"
        "“Trade must go on,” Rasheed said."
    )
    speakers = [s for s, _role in _direct(text)]
    assert len(set(speakers)) == 1
    assert speakers[0] in {"Sheikh Rasheed Malik", "Sheikh Rashid Malik"}


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Rasheed", "Rashid", True),
        ("Mohamed", "Muhammad", True),
        ("Yusuf", "Yousef", True),
        ("Kupchyna", "Kupcyna", True),
        ("Malik", "Molek", False),
        ("Khan", "Khin", False),
        ("Hamdan", "Halim", False),
        # a name written with its accents and without them
        ("Yılmazoğlu", "Yilmazoglu", True),
        ("Şahinkaya", "Sahinkaya", True),
        ("Ørsted", "Orsted", True),
        ("Ölçer", "Olcer", True),
        ("Şen", "Sen", True),
        ("Şen", "Son", False),
    ],
)
def test_a_transliteration_is_the_same_name_word(one, other, same):
    assert same_name_word(one, other) is same


def test_a_surname_written_without_its_accents_is_the_person_named_with_them():
    text = (
        "Trade Minister Dorukhan Yılmazoğlu spoke at a dinner in Karvan on Monday.\n\n"
        "“The answer is at the ballot box,” Yılmazoğlu said.\n\n"
        "“Your ten so-called members are leaving,” said Yilmazoglu, adding that they would "
        "sit apart.\n\n"
        "“This is like the hotel affair,” he said."
    )
    assert [s for s, _role in _direct(text)] == ["Dorukhan Yılmazoğlu"] * 3


def test_a_surname_misspelt_once_by_a_letter_is_the_person_named_in_full():
    text = (
        "Dana Corvell, who lives near Mill Street, says her road floods every spring.\n\n"
        "“It comes up over the kerb a lot,” she said.\n\n"
        "Corbell did not lose much last week but says she keeps an eye on the sky.\n\n"
        "“Anything above average and the water flows down the street,” she explained."
    )
    assert [s for s, _role in _direct(text)] == ["Dana Corvell"] * 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a surname with its own title or role is someone else, however close the spelling
        (
            "Ron Carter, the harbour master, said the pier was closed for repairs.\n\n"
            "“We will rebuild,” said Mayor Carver.",
            "Carver",
        ),
        (
            "Ron Carter, the harbour master, said the pier was closed for repairs.\n\n"
            "“We will rebuild,” said Mr Carver.",
            "Mr Carver",
        ),
        (
            "Lena Brandt, a teacher, said classes were cancelled.\n\n"
            "“It is a scandal,” opposition leader Brandl said.",
            "Brandl",
        ),
        # more than two paragraphs on, a misspelling is no longer the likelier reading
        (
            "Dana Corvell, who lives near Mill Street, says her road floods every spring.\n\n"
            "The council met on Monday.\n\nThe river rose on Tuesday.\n\n"
            "The vote was put off.\n\n“The drains are blocked,” Corbell said.",
            "Corbell",
        ),
    ],
)
def test_a_surname_a_letter_off_is_not_the_person_named_in_full_with_a_title_or_far_off(
    text, speaker
):
    assert [s for s, _role in _direct(text)][-1] == speaker


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a close spelling with its own title or role is someone else: the health minister
        # is not the nurse named before
        (
            "Anna Jensen, a nurse at Harwick General, said the wards were full.\n\n"
            "“We need more beds,” said Health Minister Jansen.",
            ["Jansen"],
        ),
        (
            "Anna Jensen, a nurse at Harwick General, said the wards were full.\n\n"
            "“The budget is spent,” council leader Jansen said.",
            ["Jansen"],
        ),
        # written bare, the close spelling is still the person named in full
        (
            "Anna Jensen, a nurse at Harwick General, said the wards were full.\n\n"
            "“We need more beds,” Jansen said.",
            ["Anna Jensen"],
        ),
        # a title before the same name without its accents is that person still
        (
            "Trade Minister Dorukhan Yılmazoğlu spoke at a dinner in Karvan on Monday.\n\n"
            "“The answer is at the ballot box,” said Minister Yilmazoglu.",
            ["Dorukhan Yılmazoğlu"],
        ),
    ],
)
def test_a_close_spelling_with_a_title_of_its_own_is_someone_else(text, speakers):
    assert [s for s, _role in _direct(text)] == speakers


@pytest.mark.parametrize(
    ("one", "other", "misspelt"),
    [
        ("Corbell", "Corvell", True),
        ("MbBay", "McBay", True),
        ("Corvell", "Korvell", False),  # the first letter is where names differ
        ("Hale", "Hall", False),  # too short to tell
        ("Corvell", "Corvel", False),  # a letter more or less is another spelling rule's
    ],
)
def test_one_letter_changed_inside_a_surname_is_a_misspelling(one, other, misspelt):
    assert one_letter_apart(one, other) is misspelt


def test_a_misspelt_surname_two_people_could_be_stays_as_written():
    mentions = Mentions()
    mentions.add(Mention(10, 0, "Dana Corvell", PERSON))
    mentions.add(Mention(60, 1, "Ivo Corwell", PERSON))
    assert mentions.full_name("Corbell", 200) == "Corbell"


def test_two_people_a_variant_could_be_leave_it_unresolved():
    forms = NameForms()
    forms.add("Ahmad Faiz bin Rosli")
    forms.add("Ahmad Faiz bin Hamdan")
    assert forms.written_as("Ahmad Faiz") is None


@pytest.mark.parametrize(
    "text",
    [
        "“We will sign the treaty soon,” said the Ambassador to Vostria Ana Maria Kowalski."
        "\n\n“Talks went well,” Kowalski added.",
        "Norland's new Ambassador to Vostria Ana Maria Kowalski arrived on Monday.\n\n"
        "“We will sign the treaty soon,” Kowalski said.",
    ],
)
def test_three_names_after_an_office_and_its_place_are_kept(text):
    assert {s for s, _role in _direct(text)} == {"Ana Maria Kowalski"}


@pytest.mark.parametrize(
    ("name", "speaker"),
    [("Vostria Ana Maria Kowalski", "Ana Maria Kowalski"), ("Vostria Jon Harlan", "Jon Harlan")],
)
def test_the_place_is_the_roles_and_two_names_after_it_stay_two(name, speaker):
    text = f"“We will sign the treaty soon,” said the Ambassador to {name}."
    assert _direct(text) == [(speaker, "Ambassador to Vostria")]


def test_a_surname_read_as_an_organisations_is_the_person_named_in_full():
    mentions = Mentions()
    mentions.add(Mention(10, 0, "Tanko Gwarzama", PERSON, "Vice President"))
    mentions.add(Mention(200, 2, "Gwarzama", ORGANISATION, subject=True))
    mentions.people_who_are_bodies()
    assert [(m.name, m.position) for m in mentions.people] == [
        ("Tanko Gwarzama", 10),
        ("Tanko Gwarzama", 200),
    ]
    assert mentions.organisations == []


def test_a_body_named_so_in_full_stays_a_body():
    mentions = Mentions()
    mentions.add(Mention(10, 0, "Lena Harwick", PERSON))
    mentions.add(Mention(100, 1, "Harwick Holdings", ORGANISATION))
    mentions.add(Mention(200, 2, "Harwick", ORGANISATION, subject=True))
    mentions.people_who_are_bodies()
    assert [m.name for m in mentions.organisations] == ["Harwick Holdings", "Harwick"]


def test_a_name_with_a_regnal_numeral_is_a_persons():
    doc = pipeline()("Speaking to journalists, the head of the council, Nii Tetteh Kwao II, spoke.")
    first = next(t.i for t in doc if t.text == "Nii")
    doc.ents = [Span(doc, first, first + 4, label="ORG")]
    assert [(e.text, e.label_) for e in with_names_after_honorifics(doc)] == [
        ("Nii Tetteh Kwao II", "PERSON")
    ]


@pytest.mark.parametrize(
    "sentence", ["He said the MCE should work for peace.", "Later KDA approved the plan."]
)
def test_an_acronym_a_clause_is_about_is_nobody(sentence):
    doc = pipeline()(sentence)
    doc.ents = []
    assert described_subjects(doc, 0, 0, Mentions(), lambda _at: False) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The port will reopen,” said Transport Minister Khalid al-Rashidi.\n\n"
         "“Ships are waiting,” al-Rashidi added.", "Khalid al-Rashidi"),
        ("“We will not raise fares,” said Pieter van der Lugt, the operator's chief.\n\n"
         "“Costs are stable,” Van der Lugt said.", "Pieter van der Lugt"),
        ("“Exports rose again,” Trade Minister Tan Wei Ming told reporters.\n\n"
         "“We expect more growth,” Tan said.", "Tan Wei Ming"),
        ("“The harvest was good,” said Farida binti Osman, a farmer in Kuala Terap.\n\n"
         "“Prices were fair,” Farida said.", "Farida binti Osman"),
        ("“I will run again,” said Sukarmo, the former governor.\n\n"
         "“The people asked me,” Sukarmo added.", "Sukarmo"),
    ],
)  # fmt: skip
def test_particles_family_names_first_and_single_names_keep_their_person(text, speaker):
    assert [s for s, _role in _direct(text)] == [speaker, speaker]
