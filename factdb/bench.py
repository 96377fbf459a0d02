"""Build a synthetic, reproducible database and time the main pages against it.

`factdb bench` builds claims, citations, sources, documents and review histories
in realistic proportions (3 citations per claim, 1 source per 5 claims, 1
document per 2 claims), then requests the main pages and exports through the
WSGI app and reports p50/p95 server-side latency next to the time spent in SQL.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.orm import Session

from factdb.models import (
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
    User,
    claim_tag,
    status_change_evidence,
)
from factdb.text import name_key
from factdb.users import hash_password
from factdb.vocab import DocumentType, QuoteType, Relation, Reliability, Role, SourceKind, Status

WORDS = [
    "minister",
    "government",
    "ministry",
    "president",
    "senate",
    "committee",
    "defence",
    "budget",
    "border",
    "treaty",
    "ceasefire",
    "troops",
    "advisers",
    "airspace",
    "violation",
    "drone",
    "strike",
    "depot",
    "fuel",
    "visit",
    "capital",
    "delegation",
    "statement",
    "spokesperson",
    "parliament",
    "opposition",
    "election",
    "vote",
    "inflation",
    "exports",
    "imports",
    "tariff",
    "sanctions",
    "embassy",
    "ambassador",
    "negotiation",
    "settlement",
    "agreement",
    "security",
    "alliance",
    "summit",
    "report",
    "institute",
    "analysis",
    "figures",
    "percent",
    "million",
    "billion",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "north",
    "south",
    "east",
    "west",
    "coast",
    "port",
    "harbour",
    "bridge",
    "railway",
    "pipeline",
    "energy",
    "gas",
    "oil",
    "grid",
    "power",
    "outage",
    "hospital",
    "school",
    "refugees",
    "camp",
    "aid",
    "convoy",
    "corridor",
    "frontline",
    "village",
    "city",
    "region",
    "province",
    "district",
]
FIRST_NAMES = [
    "Ingrid",
    "Dana",
    "Henrik",
    "Leila",
    "Maren",
    "Jonas",
    "Olga",
    "Amira",
    "Sam",
    "Li",
    "Mateo",
    "Chiara",
    "Yusuf",
    "Aiko",
    "Nadia",
    "Pavel",
]
LAST_NAMES = [
    "Halvorsen",
    "Whitfield",
    "Aalto",
    "Haddad",
    "Solberg",
    "Weber",
    "Petrova",
    "Okafor",
    "Novak",
    "Rossi",
    "Demir",
    "Tanaka",
    "Kowalski",
]
BENCH_EMAIL = "bench@factdb.example"
BENCH_PASSWORD = "bench-password"  # noqa: S105 (a throwaway account in a throwaway database)


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


def build(
    engine: Engine, claims: int, seed: int, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Fill an empty, migrated database; returns ids the timing needs (busiest source, …)."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible by seed)
    vocabulary = Vocabulary(seed)
    _sentence = vocabulary.sentence
    sizes = Sizes(claims)
    now = datetime(2026, 1, 1)
    report = progress or (lambda _label, _count: None)
    with engine.begin() as conn:
        password_hash = hash_password(BENCH_PASSWORD)
        users = [
            {"id": i, "email": f"user{i}@factdb.example", "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
             "role": (Role.REVIEWER if i % 2 else Role.EDITOR).value, "password_hash": password_hash, "active": True, "created_at": now}
            for i in range(1, 11)
        ]  # fmt: skip
        users[0].update(email=BENCH_EMAIL, role=Role.ADMIN.value, name="Bench Admin")
        conn.execute(insert(User), users)
        report("users", len(users))

        source_rows, alias_rows = [], []
        parents = max(1, sizes.sources // 10)
        for i in range(1, sizes.sources + 1):
            is_org = i <= parents
            if is_org:
                name = f"{rng.choice(['Ministry of', 'Office of', 'Institute for', 'Council on'])} {rng.choice(WORDS).title()} {i}"
            else:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {i}"
            source_rows.append({
                "id": i, "name": name, "name_key": name_key(name),
                "kind": (SourceKind.GOVERNMENT if is_org else SourceKind.PERSON).value,
                "role": "" if is_org else f"Spokesperson for {rng.choice(WORDS)}",
                "family_name": "" if is_org else name.split()[1], "given_name": "" if is_org else name.split()[0],
                "parent_id": None if is_org else rng.randint(1, parents), "homepage": "",
                "reliability": rng.choice(list(Reliability)).value, "notes": "", "version": 1,
                "created_at": now, "updated_at": now, "created_by_id": 1, "updated_by_id": 1,
            })  # fmt: skip
            if i % 10 == 0:
                alias = f"{name} (alias)"
                alias_rows.append({"source_id": i, "name": alias, "name_key": name_key(alias)})
        conn.execute(insert(Source), source_rows)
        conn.execute(insert(SourceAlias), alias_rows)
        report("sources", len(source_rows))

        document_rows, author_rows, texts = [], [], {}
        for i in range(1, sizes.documents + 1):
            paragraphs = [_sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(4, 9))]
            full_text = "\n\n".join(paragraphs)
            texts[i] = paragraphs
            published = date(2020, 1, 1) + timedelta(days=rng.randint(0, 2200))
            document_rows.append({
                "id": i, "title": _sentence(rng, rng.randint(5, 11))[:-1], "doc_type": rng.choice(list(DocumentType)).value,
                "container_title": f"The {rng.choice(WORDS).title()} Times", "publisher": "", "published": published.isoformat(),
                "undated": False, "url": f"https://news{i % 97}.example/{i}", "doi": "", "accessed": published + timedelta(days=3),
                "archive_url": "", "language": "en", "full_text": full_text,
                "text_hash": hashlib.sha256(full_text.encode()).hexdigest(), "version": 1, "created_at": now, "updated_at": now,
                "created_by_id": 1, "updated_by_id": 1,
            })  # fmt: skip
            author_rows.append(
                {"document_id": i, "position": 0, "source_id": rng.randint(1, sizes.sources)}
            )
            if len(document_rows) == 5000:
                conn.execute(insert(Document), document_rows)
                report("documents", len(document_rows))
                document_rows = []
        if document_rows:
            conn.execute(insert(Document), document_rows)
            report("documents", len(document_rows))
        conn.execute(insert(DocumentAuthor), author_rows)

        tags = [{"id": i, "name": f"{rng.choice(WORDS)}-{i}"} for i in range(1, 201)]
        conn.execute(insert(Tag), tags)

        verdicts = [s for s in Status if s.is_verdict]
        claim_rows, tag_rows, citation_rows, change_rows, evidence_rows, history_rows = (
            [],
            [],
            [],
            [],
            [],
            [],
        )
        citation_id = 0
        for i in range(1, claims + 1):
            created = now + timedelta(minutes=i)
            status = rng.choices(
                [Status.UNVERIFIED, Status.IN_REVIEW, *verdicts, Status.RETRACTED],
                weights=[30, 15, 10, 8, 6, 6, 8, 5, 2],
            )[0]
            creator = rng.randint(1, 10)
            claim_rows.append({
                "id": i, "text": _sentence(rng, rng.randint(8, 20)), "context": "", "status": status.value,
                "verdict": "Checked against the primary sources." if status.is_verdict else "",
                "version": 1, "created_at": created, "updated_at": created, "created_by_id": creator, "updated_by_id": creator,
            })  # fmt: skip
            for tag_id in rng.sample(range(1, 201), rng.randint(0, 2)):
                tag_rows.append({"claim_id": i, "tag_id": tag_id})
            hot = i <= sizes.hot_claims
            first_citation = citation_id + 1
            for position in range(rng.choice([2, 3, 3, 4])):
                citation_id += 1
                document_id = rng.randint(1, sizes.documents)
                paragraph = rng.choice(texts[document_id]).split()
                start = rng.randint(0, max(0, len(paragraph) - 8))
                quote = " ".join(paragraph[start : start + rng.randint(5, 8)]).rstrip(".")
                if rng.random() < 0.05:
                    quote = quote.replace(quote.split()[0], rng.choice(WORDS), 1)
                speaker = (
                    1
                    if hot and position == 0
                    else (rng.randint(1, sizes.sources) if rng.random() < 0.8 else None)
                )
                citation_rows.append({
                    "id": citation_id, "claim_id": i, "document_id": document_id, "speaker_id": speaker,
                    "relation": rng.choice([Relation.ASSERTS, Relation.SUPPORTS, Relation.DISPUTES, Relation.REPORTS]).value,
                    "quote": quote, "quote_type": QuoteType.DIRECT.value, "locator": f"para. {rng.randint(1, 9)}",
                    "version": 1, "created_at": created, "updated_at": created, "created_by_id": creator, "updated_by_id": creator,
                })  # fmt: skip
            change_rows.append({"id": i, "entity": "claim", "entity_id": i, "claim_id": i, "action": "created",
                                "fields": {"text": [None, claim_rows[-1]["text"]]}, "user_id": creator, "at": created})  # fmt: skip
            if status is not Status.UNVERIFIED:
                history_rows.append({"claim_id": i, "from_status": Status.UNVERIFIED.value, "to_status": Status.IN_REVIEW.value,
                                     "note": "", "reviewer_id": creator, "at": created + timedelta(hours=1)})  # fmt: skip
            if status.is_verdict or status is Status.RETRACTED:
                reviewer = creator % 10 + 1
                history_rows.append({"claim_id": i, "from_status": Status.IN_REVIEW.value, "to_status": status.value,
                                     "note": "Checked against the primary sources.", "reviewer_id": reviewer,
                                     "at": created + timedelta(hours=5), "_evidence": first_citation})  # fmt: skip
            if len(claim_rows) >= 5000:
                _flush_claims(
                    conn,
                    claim_rows,
                    tag_rows,
                    citation_rows,
                    change_rows,
                    history_rows,
                    evidence_rows,
                )
                report("claims", 5000)
        if claim_rows:
            count = len(claim_rows)
            _flush_claims(
                conn, claim_rows, tag_rows, citation_rows, change_rows, history_rows, evidence_rows
            )
            report("claims", count)
        conn.execute(text("DELETE FROM claim_status_count"))
        counts = dict(conn.execute(select(Claim.status, func.count()).group_by(Claim.status)).all())
        conn.execute(
            insert(ClaimStatusCount),
            [{"status": s.value, "count": counts.get(s, 0)} for s in Status],
        )
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        raw = engine.raw_connection()  # outside any transaction, as a checkpoint must be
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    else:
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    return {
        "seed": seed,
        "hot_source": 1,
        "claims": claims,
        "documents": sizes.documents,
        "sources": sizes.sources,
    }


def _flush_claims(conn, claims, tags, citations, changes, history, evidence) -> None:
    """Insert one batch of claims with everything that hangs off them, then empty the lists."""
    conn.execute(insert(Claim), claims)
    if tags:
        conn.execute(insert(claim_tag), tags)
    conn.execute(insert(Citation), citations)
    conn.execute(insert(Change), changes)
    plain = [{k: v for k, v in row.items() if k != "_evidence"} for row in history]
    if plain:
        ids = conn.execute(insert(StatusChange).returning(StatusChange.id), plain).scalars().all()
        links = [
            {"status_change_id": sid, "citation_id": row["_evidence"]}
            for sid, row in zip(ids, history, strict=True)
            if "_evidence" in row
        ]
        if links:
            conn.execute(insert(status_change_evidence), links)
    for batch in (claims, tags, citations, changes, history, evidence):
        batch.clear()


# ----------------------------------------------------------------------------- timing


@dataclass
class Timing:
    name: str
    latencies_ms: list[float]
    sql_ms: list[float]
    statements: list[int]

    def p(self, values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextmanager
def sql_clock(engine: Engine) -> Iterator[dict[str, float]]:
    """Measure the time spent inside the database driver while the block runs."""
    totals = {"seconds": 0.0, "statements": 0}
    starts: list[float] = []

    def before(*_args: Any) -> None:
        starts.append(time.perf_counter())

    def after(*_args: Any) -> None:
        totals["seconds"] += time.perf_counter() - starts.pop()
        totals["statements"] += 1

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield totals
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def time_requests(
    app, engine: Engine, cases: list[tuple[str, list[str]]], warmup: int = 2
) -> list[Timing]:
    """Request each URL list through the WSGI app, logged in as the bench admin."""
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    token = login_page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/login", data={"email": BENCH_EMAIL, "password": BENCH_PASSWORD, "csrf_token": token}
    )
    if response.status_code != 302:
        raise RuntimeError("The bench account could not log in.")
    results = []
    for name, urls in cases:
        for url in urls[:warmup]:
            client.get(url)
        latencies, sql, statements = [], [], []
        for url in urls:
            with sql_clock(engine) as clock:
                started = time.perf_counter()
                reply = client.get(url)
                elapsed = time.perf_counter() - started
            if reply.status_code != 200:
                raise RuntimeError(f"{url} answered {reply.status_code}")
            latencies.append(elapsed * 1000)
            sql.append(clock["seconds"] * 1000)
            statements.append(int(clock["statements"]))
        results.append(Timing(name, latencies, sql, statements))
    return results


def cases(
    session: Session, ids: dict[str, int], rng: random.Random, repeat: int
) -> list[tuple[str, list[str]]]:
    """The pages to time, each with `repeat` URLs."""
    claims, documents = ids["claims"], ids["documents"]
    tags = session.scalars(select(Tag.name).limit(20)).all()
    last_page = (claims + 24) // 25
    hot = ids["hot_source"]
    words = Vocabulary(ids["seed"]).search_terms()  # the words the build drew from
    statuses = [s.value for s in Status]

    def pick(make: Callable[[], str]) -> list[str]:
        return [make() for _ in range(repeat)]

    return [
        ("claims list, newest", pick(lambda: "/")),
        ("claims list, by status", pick(lambda: f"/?status={rng.choice(statuses)}")),
        ("claims list, by tag", pick(lambda: f"/?tag={rng.choice(tags)}")),
        ("claims list, by source", pick(lambda: f"/?source={rng.randint(1, ids['sources'])}")),
        ("claims list, sorted by update", pick(lambda: f"/?sort=updated&page={rng.randint(1, last_page)}")),
        ("claims list, last page", pick(lambda: f"/?page={last_page}")),
        ("claims list, text search", pick(lambda: f"/?q={rng.choice(words)}")),
        ("claim page", pick(lambda: f"/claims/{rng.randint(1, claims)}")),
        ("source page, 5,000 claims", pick(lambda: f"/sources/{hot}?page={rng.randint(1, 200)}")),
        ("document page", pick(lambda: f"/documents/{rng.randint(1, documents)}")),
        ("search", pick(lambda: f"/search?q={rng.choice(words)}+{rng.choice(words)}*")),
        ("export 25 claims, BibTeX", pick(lambda: "/export/download?format=bibtex&" + "&".join(f"claim={rng.randint(1, claims)}" for _ in range(25)))),
    ]  # fmt: skip


def format_table(results: list[Timing]) -> str:
    header = (
        f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'SQL p50':>8} {'SQL p95':>8} {'queries':>8}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.name:<34} {r.p(r.latencies_ms, 0.5):>8.1f} {r.p(r.latencies_ms, 0.95):>8.1f} "
            f"{r.p(r.sql_ms, 0.5):>8.1f} {r.p(r.sql_ms, 0.95):>8.1f} {statistics.median(r.statements):>8.0f}"
        )
    return "\n".join(lines)
