"""Words for speakers that are not one named person: organisations, statements, and people
nobody names ("officials", "a resident", "someone")."""

from __future__ import annotations

ORGANISATION_NOUNS = frozenset(
    [
        "ministry",
        "company",
        "firm",
        "agency",
        "government",
        "police",
        "office",
        "council",
        "committee",
        "court",
        "board",
        "embassy",
        "army",
        "military",
        "party",
        "union",
        "bank",
        "group",
        "organisation",
        "organization",
        "university",
        "institute",
        "newspaper",
        "team",
        "club",
        "federation",
        "authority",
        "service",
        "commission",
        "administration",
        "presidency",
        "kremlin",
        "department",
        "corporation",
        "bureau",
        "regime",
        "cabinet",
        "parliament",
        "senate",
        "congress",
        "assembly",
        "secretariat",
        "foundation",
        "charity",
        "airline",
        "operator",
        "manufacturer",
        "carrier",
        "maker",
        "retailer",
        "insurer",
        "regulator",
        "watchdog",
        "prosecutors'",
        "network",
        "channel",
        "broadcaster",
        "paper",
        "league",
        "association",
        "school",
        "district",
        "hospital",
        "centre",
        "center",
        "laboratory",
        "lab",
        "museum",
        "patrol",
        "judiciary",
        "bench",  # "the SC bench said", "a division bench of the High Court": judges as one body
    ]
)
STATEMENT_NOUNS = frozenset(
    [
        "statement",
        "release",
        "letter",
        "post",
        "report",
        "announcement",
        "communique",
        "communiqué",
        "tweet",
        "filing",
        "document",
        "notice",
        "bulletin",
        "memo",
        "study",
        "review",
        "email",
        "e-mail",
        "letters",
        "statements",
        "advertisement",
        "ad",
    ]
)
#: Texts whose words are their own, not any group's that argues over them: "the bill says
#: “…”", "the statute reads", "It says" after "criticised the water bill".
LAW_NOUNS = frozenset(
    {"bill", "law", "statute", "act", "legislation", "measure", "ordinance", "amendment",
     "constitution", "treaty", "contract", "agreement", "draft", "decree", "regulation",
     "regulations", "resolution", "charter", "clause", "section", "provision", "text"}
)  # fmt: skip
#: A court's papers: "the ruling stated" is the court's named before.
COURT_PAPERS = frozenset({"ruling", "judgment", "judgement", "opinion", "order", "decision"})
#: Papers that speak, whose issuer is not whoever acted last: "reads the plea agreement",
#: "court documents described", "said the answer to the question".
PAPERS = COURT_PAPERS | frozenset(
    {
        "indictment", "complaint", "affidavit", "lawsuit", "motion", "petition", "agreement",
        "answer", "reply", "documents", "papers", "records", "filings", "minutes", "transcript",
    }
)  # fmt: skip
STATEMENT_NOUNS = STATEMENT_NOUNS | PAPERS
#: Verbs whose subject is the one a document is of: "the ministry issued a statement", "the
#: club deleted a post" (the parser gives no lemmas, so the forms).
ISSUING_VERBS = frozenset(
    {"released", "issued", "published", "posted", "put", "sent", "releases", "issues"}
    | {"deleted", "removed", "withdrew", "withdrawn", "retracted"}
)
GENERIC_PLURALS = frozenset(
    [
        "officials",
        "authorities",
        "residents",
        "experts",
        "analysts",
        "sources",
        "critics",
        "reviewers",
        "lawmakers",
        "prosecutors",
        "investigators",
        "witnesses",
        "people",
        "observers",
        "diplomats",
        "aides",
        "scientists",
        "researchers",
        "doctors",
        "police",
        "officers",
        "neighbours",
        "neighbors",
        "locals",
        "fans",
        "supporters",
        "parents",
        "students",
        "workers",
        "organisers",
        "organizers",
        "campaigners",
        "activists",
        "economists",
    ]
)
#: Papers a body writes after looking into something, and the bodies that write them: "the
#: report said" is the committee's named before, not whoever spoke last.
REPORT_NOUNS = frozenset({"report"})
REPORTING_BODIES = frozenset(
    {"committee", "commission", "inquiry", "panel", "ombudsman", "auditor", "watchdog"}
)
#: A household speaking as one ("the family said"): nobody named, never the person mourned.
KIN_GROUPS = frozenset({"family", "families", "household"})
VAGUE_DETERMINERS = frozenset({"a", "an", "one", "some", "several", "many", "another", "two"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
#: "another said", "someone shouted": a speaker the text leaves unnamed on purpose.
INDEFINITE_SPEAKERS = frozenset({"another", "someone", "somebody", "one"})
#: "the company said" may point to any company named before; "the union" only to a union.
GENERIC_ORGANISATIONS = frozenset(
    {
        "company",
        "firm",
        "group",
        "business",
        "organisation",
        "organization",
        "agency",
        "club",
        "team",
    }
)
#: "The company" is never a parliament, a ministry or a court named before it.
COMMERCIAL = frozenset({"company", "firm", "business"})
PUBLIC_BODY_WORDS = frozenset(
    {
        "parliament", "ministry", "government", "council", "court", "police", "department",
        "senate", "congress", "assembly", "commission", "embassy", "cabinet", "union", "party",
    }
)  # fmt: skip

#: Where words are posted, never who speaks: "put this message on Twitter:".
PLATFORMS = frozenset(
    {
        "twitter", "x", "facebook", "instagram", "telegram", "youtube", "tiktok", "linkedin",
        "threads", "truth social", "weibo", "wechat", "whatsapp", "snapchat", "reddit",
        "bluesky", "mastodon",
    }
)  # fmt: skip


#: Words that make a name a club's or a company's, whatever the recogniser took it for.
ORGANISATION_NAME_WORDS = ORGANISATION_NOUNS | {
    "united", "city", "rovers", "athletic", "wanderers", "rangers", "albion", "fc", "afc",
    "energy", "group", "holdings", "motors", "airlines", "bank", "partners", "inc", "ltd",
}  # fmt: skip


#: Last words that end the names of clubs and companies, never a person's.
BODY_ENDINGS = frozenset(
    [
        "fc",
        "afc",
        "cf",
        "sc",
        "inc",
        "ltd",
        "llc",
        "plc",
        "corp",
        "gmbh",
        "ag",
        "united",
        "rovers",
        "wanderers",
        "athletic",
        "albion",
        # a newspaper's name ("the Harwick Gazette"), which the recogniser often takes for a
        # person's; not the words that are also surnames or first names ("Post", "Star", "Sun")
        "gazette",
        "courier",
        "herald",
        "tribune",
        "chronicle",
        "ledger",
        "telegraph",
        "examiner",
        "inquirer",
        "bulletin",
        "advertiser",
        "observer",
        "journal",
    ]
)
