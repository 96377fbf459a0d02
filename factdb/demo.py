"""The demo dataset: a fictional analysis piece, its sources, claims and reviews.

Everything here is invented: Norvania and Kestria are not real countries and the
people quoted do not exist.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factdb.claims import CitationInput, ClaimInput, save_claim
from factdb.documents import DocumentInput, create_document
from factdb.errors import ValidationFailed
from factdb.models import Citation, Claim, Document, Source, User
from factdb.review import ReviewPolicy, change_status
from factdb.sources import SourceInput, create_source
from factdb.team.demo import add_team_demo
from factdb.users import create_user
from factdb.vocab import DocumentType, QuoteType, Relation, Reliability, Role, SourceKind, Status

#: Printed by `factdb demo`; the demo accounts are meant to be public.
DEMO_PASSWORD = "factdb-demo"  # noqa: S105

DEMO_USERS = [
    ("amira@demo.factdb.org", "Amira Haddad", Role.ADMIN),
    ("jonas@demo.factdb.org", "Jonas Weber", Role.EDITOR),
    ("li@demo.factdb.org", "Li Wei", Role.REVIEWER),
    ("olga@demo.factdb.org", "Ольга Петрова", Role.REVIEWER),
    ("sam@demo.factdb.org", "Sam Okafor", Role.VIEWER),
]

ANALYSIS_TEXT = """\
Behind the president's secret trip to Kestria

President Ardan Velic of Norvania landed in Kestria's capital, Vessa, on Tuesday morning on a visit that had not been announced in advance. His aircraft flew without its usual transponder signal, and reporters travelling with him were told of the destination only after take-off.

The trip came four days after the strike on the Vardo fuel depot. It was the first time a military operation was staged from Kestrian soil since the Second World War.

A statement from the Office of the President said the visit "reaffirms our unbreakable commitment to Kestria's security" and announced that Norvania "will deliver 40 air-defence systems before the end of the year."

According to the Baltic Security Institute, Kestria's airspace "has been violated more than 200 times since January." Dr Leila Haddad, a senior fellow at the institute, said the country "is now the most important staging ground in the region."

Not everyone welcomed the visit. "This trip has weakened the position of everyone who wants a negotiated settlement," said Henrik Aalto, a former EU ambassador to Kestria.

In Vessa, the Kestrian foreign ministry released a statement condemning the deployment of Norvanian advisers as "a provocation that serves nobody", adding that the government "was informed, not consulted."

At home, Senator Dana Whitfield, chair of the Senate foreign relations committee, told reporters that the Senate "was not consulted before the advisers were deployed."

Officials said the visit had been planned for months. Norvania's defence budget has doubled since 2022, and the president travelled with a delegation of 14 ministers.
"""

PRESS_STATEMENT_TEXT = """\
Statement by the Office of the President on the visit to Kestria

Today President Ardan Velic arrived in Vessa for talks with the Kestrian leadership. The visit reaffirms our unbreakable commitment to Kestria's security.

Norvania will deliver 40 air-defence systems before the end of the year, as agreed by both governments in February. The President also met the Norvanian advisers stationed in Kestria.
"""

MINISTRY_TEXT = """\
Statement of the Ministry of Foreign Affairs of Kestria

The Ministry condemns the deployment of Norvanian advisers on Kestrian territory as a provocation that serves nobody. The Government of Kestria was informed, not consulted. The Ministry calls for the advisers' withdrawal within thirty days.
"""

REPORT_TEXT = """\
Kestria's skies: airspace violations, January to March 2026

Kestria's airspace has been violated 212 times since January, according to our count of official notices. Most incursions lasted under five minutes.

In our assessment, Kestria is one of several staging grounds in the region; it is not the most important one.
"""


def is_empty(session: Session) -> bool:
    """True when the database has no claims, sources, documents or users yet."""
    return not any(
        session.scalar(select(func.count()).select_from(model))
        for model in (Claim, Source, Document, User)
    )


def load_demo(session: Session) -> dict[str, User]:
    """Write the demo dataset into an empty database, in the caller's transaction."""
    if not is_empty(session):
        raise ValidationFailed(
            "The demo data goes into an empty database only; this one already has records."
        )
    users = {
        email.split("@")[0]: create_user(
            session, email=email, name=name, role=role, password=DEMO_PASSWORD
        )
        for email, name, role in DEMO_USERS
    }
    jonas, li, olga = users["jonas"], users["li"], users["olga"]

    def source(name: str, kind: SourceKind, **fields: object) -> Source:
        return create_source(session, jonas, SourceInput(name=name, kind=kind, **fields))  # type: ignore[arg-type]

    norvania = source("Government of Norvania", SourceKind.GOVERNMENT, reliability=Reliability.C)
    presidency = source(
        "Office of the President of Norvania",
        SourceKind.GOVERNMENT,
        parent_id=norvania.id,
        aliases=["Office of the President", "the presidency"],
        homepage="https://president.norvania.example/",
        reliability=Reliability.C,
    )
    kestria = source("Government of Kestria", SourceKind.GOVERNMENT, reliability=Reliability.C)
    ministry = source(
        "Ministry of Foreign Affairs of Kestria",
        SourceKind.GOVERNMENT,
        parent_id=kestria.id,
        aliases=["Kestrian foreign ministry", "Kestria's foreign ministry"],
        reliability=Reliability.C,
    )
    senate = source("Senate of Norvania", SourceKind.GOVERNMENT, reliability=Reliability.B)
    committee = source(
        "Senate Foreign Relations Committee", SourceKind.GOVERNMENT, parent_id=senate.id
    )
    whitfield = source(
        "Dana Whitfield",
        SourceKind.PERSON,
        role="Senator; chair of the Senate foreign relations committee",
        parent_id=committee.id,
        reliability=Reliability.B,
    )
    institute = source(
        "Baltic Security Institute",
        SourceKind.THINK_TANK,
        role="Think tank on regional security",
        homepage="https://bsi.example/",
        reliability=Reliability.B,
    )
    haddad = source(
        "Leila Haddad",
        SourceKind.PERSON,
        role="Senior fellow, Baltic Security Institute",
        parent_id=institute.id,
        reliability=Reliability.B,
    )
    aalto = source(
        "Henrik Aalto",
        SourceKind.PERSON,
        role="Former EU ambassador to Kestria",
        reliability=Reliability.C,
    )
    officials = source(
        "Officials", SourceKind.OTHER, role="Unnamed officials", reliability=Reliability.F
    )
    solberg = source("Maren Solberg", SourceKind.PERSON, role="Correspondent, The Northern Ledger")
    source("The Northern Ledger", SourceKind.MEDIA, reliability=Reliability.B)

    def document(**fields: object) -> Document:
        return create_document(session, jonas, DocumentInput(**fields))  # type: ignore[arg-type]

    analysis = document(
        title="Behind the president's secret trip to Kestria",
        doc_type=DocumentType.NEWS_ARTICLE,
        container_title="The Northern Ledger",
        publisher="Northern Ledger Media",
        published="2026-03-14",
        url="https://ledger.example/2026/03/14/president-secret-trip-kestria",
        accessed=date(2026, 3, 15),
        language="en",
        full_text=ANALYSIS_TEXT,
        authors=[solberg.id],
    )
    statement = document(
        title="Statement by the Office of the President on the visit to Kestria",
        doc_type=DocumentType.PRESS_RELEASE,
        publisher="Office of the President of Norvania",
        published="2026-03-10",
        url="https://president.norvania.example/statements/2026-03-10-kestria",
        accessed=date(2026, 3, 15),
        language="en",
        full_text=PRESS_STATEMENT_TEXT,
        authors=[presidency.id],
    )
    ministry_statement = document(
        title="Statement on the deployment of Norvanian advisers",
        doc_type=DocumentType.PRESS_RELEASE,
        publisher="Ministry of Foreign Affairs of Kestria",
        published="2026-03-11",
        url="https://mfa.kestria.example/press/2026-03-11",
        accessed=date(2026, 3, 15),
        language="en",
        full_text=MINISTRY_TEXT,
        authors=[ministry.id],
    )
    report = document(
        title="Kestria's skies: airspace violations, January to March 2026",
        doc_type=DocumentType.REPORT,
        publisher="Baltic Security Institute",
        published="2026-03",
        url="https://bsi.example/reports/kestria-skies",
        accessed=date(2026, 3, 16),
        language="en",
        full_text=REPORT_TEXT,
        authors=[institute.id, "Haddad, Leila"],
    )
    flight_log = document(
        title="Flight VN-001 track, 10 March 2026",
        doc_type=DocumentType.WEB_PAGE,
        container_title="OpenSkies Tracker",
        undated=True,
        url="https://openskies.example/flights/VN-001",
        accessed=date(2026, 3, 15),
    )

    def claim(
        text: str, *citations: CitationInput, tags: tuple[str, ...] = (), by: User = jonas
    ) -> Claim:
        return save_claim(
            session, by, ClaimInput(text=text, tags=list(tags), citations=list(citations))
        ).claim

    def cite(doc: Document, speaker: Source | None = None, **fields: object) -> CitationInput:
        return CitationInput(
            document_id=doc.id, speaker_id=speaker.id if speaker else None, **fields
        )  # type: ignore[arg-type]

    unannounced = claim(
        "President Velic's visit to Kestria was not announced in advance.",
        cite(analysis, locator="para. 1", quote="on a visit that had not been announced in advance"),
        cite(flight_log, relation=Relation.SUPPORTS, quote_type=QuoteType.PARAPHRASE,
             quote="The aircraft flew without a transponder signal until it landed in Vessa."),
        tags=("kestria visit", "travel"),
    )  # fmt: skip
    first_operation = claim(
        "The strike on the Vardo fuel depot was the first military operation staged from "
        "Kestrian soil since the Second World War.",
        cite(analysis, locator="para. 2",
             quote="It was the first time a military operation was staged from Kestrian soil since the Second World War."),
        tags=("kestria visit", "military"),
    )  # fmt: skip
    air_defence = claim(
        "Norvania will deliver 40 air-defence systems to Kestria before the end of the year.",
        cite(statement, presidency, relation=Relation.ASSERTS, locator="para. 2",
             quote="Norvania will deliver 40 air-defence systems before the end of the year"),
        cite(analysis, presidency, relation=Relation.REPORTS, locator="para. 3",
             quote="will deliver 40 air-defence systems before the end of the year."),
        tags=("kestria visit", "military aid"),
    )  # fmt: skip
    airspace = claim(
        "Kestria's airspace has been violated more than 200 times since January.",
        cite(analysis, institute, relation=Relation.REPORTS, locator="para. 4",
             quote="has been violated more than 200 times since January."),
        cite(report, institute, relation=Relation.SUPPORTS, locator="p. 1",
             quote="Kestria's airspace has been violated 212 times since January"),
        tags=("airspace",),
    )  # fmt: skip
    staging = claim(
        "Kestria is now the most important staging ground in the region.",
        cite(analysis, haddad, relation=Relation.REPORTS, locator="para. 4",
             quote="is now the most important staging ground in the region."),
        cite(report, institute, relation=Relation.DISPUTES, locator="p. 2",
             quote="Kestria is one of several staging grounds in the region; it is not the most important one."),
        tags=("military",),
    )  # fmt: skip
    claim(
        "The visit weakened the position of those seeking a negotiated settlement.",
        # Deliberately misquoted: the article says "everyone", not "everybody".
        cite(analysis, aalto, relation=Relation.REPORTS, locator="para. 5",
             quote="This trip has weakened the position of everybody who wants a negotiated settlement"),
        tags=("diplomacy",),
    )  # fmt: skip
    claim(
        "Kestria's foreign ministry called the deployment of Norvanian advisers a provocation.",
        cite(ministry_statement, ministry, relation=Relation.ASSERTS,
             quote="The Ministry condemns the deployment of Norvanian advisers on Kestrian territory as a provocation that serves nobody."),
        cite(analysis, ministry, relation=Relation.REPORTS, locator="para. 6", quote="a provocation that serves nobody"),
        tags=("diplomacy",),
    )  # fmt: skip
    consulted = claim(
        "The Senate was not consulted before Norvanian advisers were deployed to Kestria.",
        cite(analysis, whitfield, relation=Relation.REPORTS, locator="para. 7",
             quote="was not consulted before the advisers were deployed."),
        tags=("diplomacy", "senate"),
    )  # fmt: skip
    planned = claim(
        "The visit had been planned for months.",
        cite(analysis, officials, relation=Relation.REPORTS, locator="para. 8",
             quote_type=QuoteType.PARAPHRASE, quote="Officials said the visit had been planned for months."),
        tags=("kestria visit",),
    )  # fmt: skip
    budget = claim("Norvania's defence budget has doubled since 2022.", tags=("budget",))
    delegation = claim(
        "The president travelled with a delegation of 14 ministers.",
        tags=("kestria visit",),
        by=olga,
    )
    retracted = claim(
        "Norvanian advisers withdrew from Kestria in March.",
        cite(ministry_statement, ministry, relation=Relation.DISPUTES,
             quote="The Ministry calls for the advisers' withdrawal within thirty days."),
        tags=("diplomacy",),
    )  # fmt: skip

    policy = ReviewPolicy()

    def review(
        target: Claim, reviewer: User, status: Status, note: str, evidence: list[int]
    ) -> None:
        session.flush()
        session.refresh(target)
        change_status(
            session,
            reviewer,
            target.id,
            to_status=status,
            note=note,
            evidence_ids=evidence,
            expected_version=target.version,
            policy=policy,
        )

    def cites(target: Claim) -> list[int]:
        return list(session.scalars(select(Citation.id).where(Citation.claim_id == target.id)))

    for target in (
        unannounced,
        first_operation,
        air_defence,
        airspace,
        staging,
        consulted,
        retracted,
    ):
        review(target, jonas, Status.IN_REVIEW, "", [])
    review(unannounced, li, Status.TRUE,
           "The flight tracker shows no transponder signal until landing, and no schedule was published.",
           cites(unannounced))  # fmt: skip
    review(airspace, olga, Status.MOSTLY_TRUE,
           "The institute's own report counts 212 violations from official notices; the count is not independently confirmed.",
           cites(airspace))  # fmt: skip
    review(staging, li, Status.MOSTLY_FALSE,
           "The institute's report, which the quote is credited to, says the opposite.", cites(staging))  # fmt: skip
    review(retracted, li, Status.FALSE,
           "The ministry's statement calls for a withdrawal; it does not report one.", cites(retracted))  # fmt: skip
    review(retracted, olga, Status.RETRACTED, "Recorded from a misread headline; withdrawn.", [])
    add_team_demo(session, users, consulted=consulted, air_defence=air_defence,
                  first_operation=first_operation, planned=planned, delegation=delegation, budget=budget)  # fmt: skip
    return users
