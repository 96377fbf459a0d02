"""Build a synthetic, reproducible database in realistic proportions.

3 citations per claim, 1 source per 5 claims, 1 document per 2 claims with stored
texts, review histories; words drawn with Zipf's law like real text. The same seed
builds the same database.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, text

from factdb.base_keys import base_key
from factdb.devtools.bulk import RowWriter, bulk_load
from factdb.models import (
    Base,
    Change,
    Citation,
    Claim,
    ClaimStatusCount,
    Document,
    DocumentAuthor,
    Source,
    SourceAlias,
    StatusChange,
    Tag,
    TagStatusCount,
    User,
    claim_tag,
    status_change_evidence,
)
from factdb.text import key_stem, name_key
from factdb.users import hash_password
from factdb.vocab import DocumentType, QuoteType, Relation, Reliability, Role, SourceKind, Status

WORDS = """
minister government ministry president senate committee defence budget border treaty
ceasefire troops advisers airspace violation drone strike depot fuel visit capital
delegation statement spokesperson parliament opposition election vote inflation exports
imports tariff sanctions embassy ambassador negotiation settlement agreement security
alliance summit report institute analysis figures percent million billion january february
march april may june july august september october november december north south east west
coast port harbour bridge railway pipeline energy gas oil grid power outage hospital
school refugees camp aid convoy corridor frontline village city region province district
""".split()  # noqa: SIM905 (word lists read better as prose)
FIRST_NAMES = "Ingrid Dana Henrik Leila Maren Jonas Olga Amira Sam Li Mateo Chiara Yusuf Aiko Nadia Pavel".split()  # noqa: SIM905
LAST_NAMES = "Halvorsen Whitfield Aalto Haddad Solberg Weber Petrova Okafor Novak Rossi Demir Tanaka Kowalski".split()  # noqa: SIM905
BENCH_EMAIL = "bench@factdb.example"
BENCH_PASSWORD = "bench-password"  # noqa: S105 (a throwaway account in a throwaway database)
BATCH = 5000
#: The tables a build fills.
FILLED = [
    table if isinstance(table, Table) else table.__table__
    for table in (User, Source, SourceAlias, Document, DocumentAuthor, Tag, Claim, claim_tag,
                  Citation, Change, StatusChange, status_change_evidence, ClaimStatusCount)
]  # fmt: skip
_NOW = datetime(2026, 1, 1)
#: The document types the bench draws from, listed once and for all: drawing from the whole
#: vocabulary would give every seed other rows (and other golden exports) each time a type is added.
BENCH_DOCUMENT_TYPES = tuple(DocumentType[name] for name in (
    "NEWS_ARTICLE", "MAGAZINE_ARTICLE", "JOURNAL_ARTICLE", "WEB_PAGE", "REPORT", "PRESS_RELEASE",
    "INTERVIEW", "SPEECH", "SOCIAL_POST", "BROADCAST", "BOOK", "CHAPTER", "THESIS",
    "CONFERENCE_PAPER", "DATASET", "LEGAL_CASE", "LEGISLATION", "OTHER",
))  # fmt: skip

Progress = Callable[[str, int], None]


@dataclass
class Sizes:
    claims: int

    @property
    def sources(self) -> int:
        return max(10, self.claims // 5)

    @property
    def documents(self) -> int:
        return max(10, self.claims // 2)

    @property
    def hot_claims(self) -> int:
        """Claims attributed to the busiest source (5,000 at the default size)."""
        return min(5000, self.claims // 20)

    def ids(self, seed: int) -> dict[str, int]:
        """What the timing needs to know of a built database."""
        return {
            "seed": seed,
            "hot_source": 1,
            "claims": self.claims,
            "documents": self.documents,
            "sources": self.sources,
        }


class Vocabulary:
    """Common news words plus thousands of rarer invented ones, drawn with Zipf's law.

    Real text is Zipfian: a few words are everywhere and most are rare. Drawing
    uniformly from a small list would make every search match half the database.
    """

    def __init__(self, seed: int, size: int = 6000) -> None:
        rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible by seed)
        syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
        invented: set[str] = set()
        while len(invented) < size:
            invented.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
        self.words = WORDS + sorted(invented)
        weights = [1 / (rank + 1) for rank in range(len(self.words))]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def sentence(self, rng: random.Random, length: int) -> str:
        words = rng.choices(self.words, cum_weights=self.cumulative, k=length)
        return (" ".join(words)).capitalize() + "."

    def search_terms(self) -> list[str]:
        """Mid-frequency words: the topics and names people search for."""
        return self.words[100:3000]


def _stamps(at: datetime, by: int) -> dict[str, Any]:
    return {
        "version": 1,
        "created_at": at,
        "updated_at": at,
        "created_by_id": by,
        "updated_by_id": by,
    }


@dataclass
class _Builder:
    """One build: the random stream, the sizes and the rows drawn so far."""

    conn: Connection
    rng: random.Random
    vocabulary: Vocabulary
    sizes: Sizes
    report: Progress
    writer: RowWriter
    texts: dict[int, list[str]] = field(default_factory=dict)
    #: Each source's kind, name and family name: a document's base key needs its author's.
    authors: dict[int, tuple[SourceKind, str, str]] = field(default_factory=dict)
    citation_id: int = 0
    #: Status changes get their ids here, in the order a sequence would give them.
    status_change_id: int = 0

    def sentence(self, low: int, high: int) -> str:
        return self.vocabulary.sentence(self.rng, self.rng.randint(low, high))

    def users(self) -> None:
        rng, password_hash = self.rng, hash_password(BENCH_PASSWORD)
        users = [
            {"id": i, "email": f"user{i}@factdb.example", "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
             "role": (Role.REVIEWER if i % 2 else Role.EDITOR).value, "password_hash": password_hash, "active": True, "created_at": _NOW}
            for i in range(1, 11)
        ]  # fmt: skip
        users[0].update(email=BENCH_EMAIL, role=Role.ADMIN.value, name="Bench Admin")
        self.writer.write(User, users)
        self.report("users", len(users))

    def sources(self) -> None:
        rng, rows, aliases = self.rng, [], []
        parents = max(1, self.sizes.sources // 10)
        for i in range(1, self.sizes.sources + 1):
            is_org = i <= parents
            if is_org:
                name = f"{rng.choice(['Ministry of', 'Office of', 'Institute for', 'Council on'])} {rng.choice(WORDS).title()} {i}"
            else:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {i}"
            rows.append({
                "id": i, "name": name, "name_key": name_key(name),
                "kind": (SourceKind.GOVERNMENT if is_org else SourceKind.PERSON).value,
                "role": "" if is_org else f"Spokesperson for {rng.choice(WORDS)}",
                "family_name": "" if is_org else name.split()[1], "given_name": "" if is_org else name.split()[0],
                "parent_id": None if is_org else rng.randint(1, parents), "homepage": "",
                "reliability": rng.choice(list(Reliability)).value, "notes": "", **_stamps(_NOW, 1),
            })  # fmt: skip
            self.authors[i] = (SourceKind(rows[-1]["kind"]), name, rows[-1]["family_name"])
            if i % 10 == 0:
                alias = f"{name} (alias)"
                aliases.append({"source_id": i, "name": alias, "name_key": name_key(alias)})
        self.writer.write(Source, rows)
        self.writer.write(SourceAlias, aliases)
        self.report("sources", len(rows))

    def documents(self) -> None:
        rng, rows, authors = self.rng, [], []
        for i in range(1, self.sizes.documents + 1):
            paragraphs = [self.sentence(12, 30) for _ in range(rng.randint(4, 9))]
            full_text = "\n\n".join(paragraphs)
            self.texts[i] = paragraphs
            published = date(2020, 1, 1) + timedelta(days=rng.randint(0, 2200))
            rows.append({
                "id": i, "title": self.sentence(5, 11)[:-1], "doc_type": rng.choice(BENCH_DOCUMENT_TYPES).value,
                "container_title": f"The {rng.choice(WORDS).title()} Times", "publisher": "", "published": published.isoformat(),
                "undated": False, "url": f"https://news{i % 97}.example/{i}", "doi": "", "accessed": published + timedelta(days=3),
                "archive_url": "", "language": "en", "full_text": full_text,
                "text_hash": hashlib.sha256(full_text.encode()).hexdigest(), **_stamps(_NOW, 1),
            })  # fmt: skip
            author = rng.randint(1, self.sizes.sources)
            authors.append({"document_id": i, "position": 0, "source_id": author})
            row = rows[-1]
            stem = key_stem(row["title"], row["published"])
            row["base_key"] = base_key(stem, *self.authors[author], row["container_title"])
            if len(rows) == BATCH or i == self.sizes.documents:
                self.writer.write(Document, rows)
                self.report("documents", len(rows))
                rows = []
        self.writer.write(DocumentAuthor, authors)

    def claims(self) -> None:
        self.writer.write(
            Tag, [{"id": i, "name": f"{self.rng.choice(WORDS)}-{i}"} for i in range(1, 201)]
        )
        batch = _ClaimBatch()
        for i in range(1, self.sizes.claims + 1):
            self._claim(i, batch)
            if len(batch.claims) >= BATCH or i == self.sizes.claims:
                count = len(batch.claims)
                batch.flush(self.writer)
                self.report("claims", count)
        self.conn.execute(text("DELETE FROM claim_status_count"))
        counts = dict(
            self.conn.execute(select(Claim.status, func.count()).group_by(Claim.status)).all()
        )
        rows = [{"status": s.value, "count": counts.get(s, 0)} for s in Status]
        self.writer.write(ClaimStatusCount, rows)
        # On PostgreSQL the triggers that keep these are off during a build (on SQLite they
        # counted every row already): count them once.
        self.conn.execute(delete(TagStatusCount))
        self.conn.execute(
            insert(TagStatusCount).from_select(
                ["tag_id", "status", "count"],
                select(claim_tag.c.tag_id, Claim.status, func.count())
                .join(Claim, Claim.id == claim_tag.c.claim_id)
                .group_by(claim_tag.c.tag_id, Claim.status),
            )
        )

    def _claim(self, i: int, batch: _ClaimBatch) -> None:
        rng, created = self.rng, _NOW + timedelta(minutes=i)
        verdicts = [s for s in Status if s.is_verdict]
        status = rng.choices([Status.UNVERIFIED, Status.IN_REVIEW, *verdicts, Status.RETRACTED],
                             weights=[30, 15, 10, 8, 6, 6, 8, 5, 2])[0]  # fmt: skip
        creator = rng.randint(1, 10)
        claim_text = self.sentence(8, 20)
        batch.claims.append({
            "id": i, "text": claim_text, "context": "", "status": status.value,
            "verdict": "Checked against the primary sources." if status.is_verdict else "", **_stamps(created, creator),
            "text_changed_at": created, "text_changed_by_id": creator,
        })  # fmt: skip
        batch.tags += [
            {"claim_id": i, "tag_id": t} for t in rng.sample(range(1, 201), rng.randint(0, 2))
        ]
        first_citation = self.citation_id + 1
        for position in range(rng.choice([2, 3, 3, 4])):
            batch.citations.append(self._citation(i, position, created, creator))
        batch.changes.append({"id": i, "entity": "claim", "entity_id": i, "claim_id": i, "action": "created",
                              "fields": {"text": [None, claim_text]}, "user_id": creator, "at": created})  # fmt: skip
        if status is not Status.UNVERIFIED:
            self.status_change_id += 1
            batch.history.append({"id": self.status_change_id, "claim_id": i, "from_status": Status.UNVERIFIED.value, "to_status": Status.IN_REVIEW.value,
                                  "note": "", "reviewer_id": creator, "at": created + timedelta(hours=1)})  # fmt: skip
        if status.is_verdict or status is Status.RETRACTED:
            self.status_change_id += 1
            batch.history.append({"id": self.status_change_id, "claim_id": i, "from_status": Status.IN_REVIEW.value, "to_status": status.value,
                                  "note": "Checked against the primary sources.", "reviewer_id": creator % 10 + 1,
                                  "at": created + timedelta(hours=5), "_evidence": first_citation})  # fmt: skip

    def _citation(
        self, claim_id: int, position: int, created: datetime, creator: int
    ) -> dict[str, Any]:
        rng = self.rng
        self.citation_id += 1
        document_id = rng.randint(1, self.sizes.documents)
        paragraph = rng.choice(self.texts[document_id]).split()
        start = rng.randint(0, max(0, len(paragraph) - 8))
        quote = " ".join(paragraph[start : start + rng.randint(5, 8)]).rstrip(".")
        if rng.random() < 0.05:
            quote = quote.replace(quote.split()[0], rng.choice(WORDS), 1)
        if claim_id <= self.sizes.hot_claims and position == 0:
            speaker = 1
        else:
            speaker = rng.randint(1, self.sizes.sources) if rng.random() < 0.8 else None
        return {
            "id": self.citation_id, "claim_id": claim_id, "document_id": document_id, "speaker_id": speaker,
            "relation": rng.choice([Relation.ASSERTS, Relation.SUPPORTS, Relation.DISPUTES, Relation.REPORTS]).value,
            "quote": quote, "quote_type": QuoteType.DIRECT.value, "locator": f"para. {rng.randint(1, 9)}",
            **_stamps(created, creator),
        }  # fmt: skip


@dataclass
class _ClaimBatch:
    claims: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    def flush(self, writer: RowWriter) -> None:
        """Insert the claims with everything that hangs off them, then start a new batch."""
        writer.write(Claim, self.claims)
        writer.write(claim_tag, self.tags)
        writer.write(Citation, self.citations)
        writer.write(Change, self.changes)
        writer.write(
            StatusChange,
            [{k: v for k, v in row.items() if k != "_evidence"} for row in self.history],
        )
        links = [
            {"status_change_id": row["id"], "citation_id": row["_evidence"]}
            for row in self.history
            if "_evidence" in row
        ]
        writer.write(status_change_evidence, links)
        for rows in (self.claims, self.tags, self.citations, self.changes, self.history):
            rows.clear()


def build(
    engine: Engine, claims: int, seed: int, progress: Progress | None = None
) -> dict[str, int]:
    """Fill an empty, migrated database; returns ids the timing needs (busiest source, …)."""
    sizes = Sizes(claims)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # Row triggers (foreign keys, counters, audit notes) would fire a million
            # times; the build writes consistent rows, and the caller recomputes the
            # counters and the audit afterwards. Needs a superuser, as a bench has.
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            # A throwaway database: waiting for the log's flush at commit buys nothing.
            conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
        with bulk_load(conn, FILLED) as writer:
            builder = _Builder(
                conn,
                random.Random(seed),  # noqa: S311 (synthetic data, reproducible by seed)
                Vocabulary(seed),
                sizes,
                progress or (lambda _label, _count: None),
                writer,
            )
            builder.users()
            builder.sources()
            builder.documents()
            builder.claims()
        if engine.dialect.name == "postgresql":
            _advance_sequences(conn)
    analyze(engine)
    return sizes.ids(seed)


def _advance_sequences(conn: Connection) -> None:
    """Move PostgreSQL's id sequences past the ids the build gave explicitly."""
    for table in Base.metadata.sorted_tables:
        column = table.c.get("id")
        if column is None or not column.primary_key or not column.autoincrement:
            continue
        sequence = conn.exec_driver_sql(
            "SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table.name}"',)
        ).scalar()
        if sequence:
            highest = conn.execute(select(func.max(column))).scalar() or 0
            conn.exec_driver_sql("SELECT setval(%s, %s)", (sequence, highest + 1))


def analyze(engine: Engine) -> None:
    """Give the query planner fresh statistics, and fold SQLite's log into the file.

    PostgreSQL also vacuums: a bulk load leaves no page marked all-visible, so no
    index-only scan pays off until autovacuum has come by, as it has on a database
    in use (the source page's claims, by status, read 100,000 rows from the heap).
    """
    if engine.dialect.name != "sqlite":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM (ANALYZE)")
        return
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    raw = engine.raw_connection()  # outside any transaction, as a checkpoint must be
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
