"""A web site on loopback with pages written for the capture tests: nothing reaches the internet.

News article with JSON-LD, a page with only meta tags, a PDF, a redirect chain and a
redirect loop, a 404, a page that changes between fetches, a slow page, a 50 MB page,
a page that declares the wrong charset, an image, numbered articles for rechecks, and
compressed pages (gzip, deflate, both twice, and bombs small on the wire and huge inflated).
"""

from __future__ import annotations

import functools
import gzip
import json
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ARTICLE_QUOTE = "We will not raise the fuel levy this year"
ARTICLE_PARAGRAPHS = [
    "The finance minister, Dana Whitfield, told parliament on Tuesday that the government "
    "had no plans to change fuel taxes before the budget.",
    f"“{ARTICLE_QUOTE},” Whitfield said, adding that the treasury expected revenue to "
    "grow by 3.1 per cent.",
    "Opposition members questioned the forecast, pointing to a fall in receipts in the "
    "first quarter of the year.",
    "The budget will be presented to parliament on 14 March.",
]


def _article_html(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title} | The Harbour Times</title>
{head}</head>
<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1>
{body}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Storm closes the ferry port</a></li>
<li><a href="/y">Council approves new cycle lanes</a></li></ul></aside>
<footer><p>© The Harbour Times. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>"""


JSON_LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Minister rules out fuel levy rise before budget",
    "author": [
        {"@type": "Person", "name": "Amira Haddad"},
        {"@type": "Person", "name": "Tom Ellery"},
    ],
    "datePublished": "2024-03-05T09:30:00+00:00",
    "publisher": {"@type": "NewsMediaOrganization", "name": "Harbour Media Group"},
    "inLanguage": "en-GB",
    "mainEntityOfPage": {"@type": "WebPage", "@id": "CANONICAL"},
}


def jsonld_article(base: str, page: str = "/news/jsonld.html") -> str:
    """The article as its site serves it, or as a mirror does at `page`, naming itself there."""
    data = dict(JSON_LD, mainEntityOfPage={"@type": "WebPage", "@id": f"{base}{page}"})
    head = (
        f'<script type="application/ld+json">{json.dumps(data)}</script>\n'
        '<meta property="og:site_name" content="The Harbour Times">\n'
        f'<link rel="canonical" href="{base}{page}">'
    )
    return _article_html(
        "Minister rules out fuel levy rise before budget", ARTICLE_PARAGRAPHS, head
    )


META_ONLY_PARAGRAPHS = [
    "Residents of the northern district will vote on the new harbour bridge in a "
    "referendum on 2 June, the council announced.",
    "“The bridge has been promised for twenty years,” said councillor Piet Janssen. "
    "“Now people will decide.”",
    "The project is estimated to cost 48 million euros.",
]


def meta_only_page() -> str:
    head = """<meta name="author" content="Lena Vos">
<meta name="description" content="The council will let residents decide on the harbour bridge.">
<meta property="og:title" content="Harbour bridge goes to a referendum">
<meta property="og:site_name" content="Noord Blog">
<meta property="article:published_time" content="2023-11-20">
<meta property="og:locale" content="nl_NL">"""
    return _article_html("Harbour bridge goes to a referendum", META_ONLY_PARAGRAPHS, head)


def make_pdf(
    lines: list[str], *, title: str, author: str, created: str = "20240201120000"
) -> bytes:
    """A small valid PDF with text on one page (Helvetica), built by hand."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = (
        "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({escape(title)}) /Author ({escape(author)}) /CreationDate (D:{created}) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


PDF_LINES = [
    "Ministry of Finance - Statement on fuel duties",
    "The government will keep the fuel levy at its present rate until the budget.",
    "Revenue is forecast to grow by 3.1 per cent in the coming year.",
]


def numbered_article(number: int, version: int = 1) -> str:
    words = " ".join(f"word{(number * 7 + i) % 97}" for i in range(250))
    paragraphs = [
        f"Report number {number} on the state of the harbour, edition {version}.",
        f"“Harbour traffic rose by {number % 9 + 1} per cent,” the port authority said.",
        words,
        "The authority will publish its next figures in the spring.",
    ]
    return _article_html(f"Harbour report {number}", paragraphs)


def big_article(size: int = 200_000) -> str:
    paragraph = (
        "The committee heard evidence from harbour pilots, ferry operators and the coast "
        "guard about the safety of the northern channel during winter storms. "
    )
    count = max(1, size // (len(paragraph) + 7))
    return _article_html("A long inquiry into the northern channel", [paragraph] * count)


@dataclass
class SiteState:
    #: Text of /changing.html, by fetch: the page says the next one each time it is fetched.
    changing: list[str] = field(default_factory=lambda: [ARTICLE_PARAGRAPHS[1]])
    changing_fetches: int = 0
    slow_seconds: float = 3.0
    #: Per numbered article, the version it serves (absent: 1); a missing number answers 404.
    versions: dict[int, int] = field(default_factory=dict)
    gone: set[int] = field(default_factory=set)
    #: Numbered articles that now redirect (permanently) to another path.
    moved: dict[int, str] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, b"", headers={"Location": location})

    def do_GET(self) -> None:
        state, base = self.server.state, self.server.base
        path = self.path.split("?", 1)[0]
        with state.lock:
            state.requests.append(path)
        if path == "/news/jsonld.html":
            return self._send(200, jsonld_article(base).encode())
        if path == "/mirror/fuel-levy.html":
            return self._send(200, jsonld_article(base, path).encode())
        if path == "/bidi.html":
            title = "\u202eMinister\u200b on the levy\u2069"
            data = dict(
                JSON_LD, headline=title, author=[{"@type": "Person", "name": "\u202eAmira Haddad"}]
            )
            head = (
                f'<script type="application/ld+json">{json.dumps(data)}</script>\n'
                '<meta property="og:site_name" content="\u2066The Harbour\u200b Times\u2069">'
            )
            return self._send(200, _article_html(title, ARTICLE_PARAGRAPHS, head).encode())
        if path == "/half-pair.html":
            # JSON may escape half of a surrogate pair ("\ud800"), which no text file holds.
            data = dict(
                JSON_LD, headline="Minister \ud800on the levy",
                author=[{"@type": "Person", "name": "Amira \udc00Haddad"}],
            )  # fmt: skip
            head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
            return self._send(200, _article_html("The levy", ARTICLE_PARAGRAPHS, head).encode())
        if path == "/blog/meta-only.html":
            return self._send(200, meta_only_page().encode())
        if path == "/reports/statement.pdf":
            pdf = make_pdf(
                PDF_LINES, title="Statement on fuel duties", author="Ministry of Finance"
            )
            return self._send(200, pdf, "application/pdf")
        if path.startswith("/hop/"):
            step = int(path.rsplit("/", 1)[1])
            target = f"/hop/{step + 1}" if step < 3 else "/news/jsonld.html"
            return self._redirect((302, 301, 307)[step - 1], target)
        if path == "/loop":
            return self._redirect(302, "/loop")
        if path == "/moved-old.html":
            return self._redirect(301, "/moved-new.html")
        if path == "/moved-new.html":
            return self._send(200, numbered_article(0).encode())
        if path == "/changing.html":
            with state.lock:
                index = min(state.changing_fetches, len(state.changing) - 1)
                state.changing_fetches += 1
                text = state.changing[index]
            paragraphs = [ARTICLE_PARAGRAPHS[0], text, ARTICLE_PARAGRAPHS[3]]
            return self._send(200, _article_html("Minister on the fuel levy", paragraphs).encode())
        if path == "/slow.html":
            time.sleep(state.slow_seconds)
            return self._send(200, _article_html("Slow", ["late"]).encode())
        if path == "/huge.html":
            return self._huge()
        if path in COMPRESSED:
            body, coding = COMPRESSED[path]()
            return self._send(200, body, headers={"Content-Encoding": coding})
        if path == "/charset.html":
            page = _article_html("Café owners say “no” to the levy",
                                 ["“Ça suffit,” said René Lefèvre, who runs a café on the quay."])  # fmt: skip
            return self._send(200, page.encode("utf-8"), "text/html; charset=iso-8859-1")
        if path == "/image.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        if path == "/big.html":
            return self._send(200, big_article().encode())
        if path.startswith("/page/") and path.endswith(".html"):
            number = int(path[len("/page/") : -len(".html")])
            if number in state.gone:
                return self._send(404, b"<h1>Not found</h1>")
            if number in state.moved:
                return self._redirect(301, state.moved[number])
            return self._send(200, numbered_article(number, state.versions.get(number, 1)).encode())
        return self._send(404, b"<h1>Not found</h1>")

    def _huge(self) -> None:
        """50 MB of HTML, sent in chunks without a length, as a streaming server would."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>"
        try:
            for _ in range(50):
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit, as it should


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


@functools.cache
def _zeros_gzipped(megabytes: int) -> bytes:
    """`megabytes` MB of zeros, gzipped (about a thousandth of that)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b"\0" * (1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()


def _deflated(data: bytes, wbits: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


#: Pages sent compressed: path -> (body, Content-Encoding). Bombs are small on the wire.
COMPRESSED: dict[str, Callable[[], tuple[bytes, str]]] = {
    "/gzipped.html": lambda: (_gzip(big_article().encode()), "gzip"),
    "/deflated.html": lambda: (_deflated(big_article().encode(), zlib.MAX_WBITS), "deflate"),
    "/raw-deflated.html": lambda: (_deflated(big_article().encode(), -zlib.MAX_WBITS), "deflate"),
    "/gzipped-twice.html": lambda: (_gzip(_gzip(big_article().encode())), "gzip, gzip"),
    "/gzip-bomb.html": lambda: (_zeros_gzipped(200), "gzip"),
    "/gzip-twice-bomb.html": lambda: (_gzip(_zeros_gzipped(200)), "gzip, gzip"),
    "/gzip-four-times.html": lambda: (
        _gzip(_gzip(_gzip(_gzip(b"<p>x</p>")))),
        "gzip, " * 3 + "gzip",
    ),
    "/damaged-gzip.html": lambda: (b"\x1f\x8b\x08\x00not gzip at all", "gzip"),
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: SiteState) -> None:
        super().__init__(address, _Handler)
        self.state = state
        self.base = f"http://{address[0]}:{self.server_address[1]}"


@dataclass
class Site:
    base: str
    state: SiteState
    servers: list[_Server]

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def start_site(host: str = "127.0.0.1", state: SiteState | None = None, port: int = 0) -> Site:
    state = state or SiteState()
    server = _Server((host, port), state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Site(server.base, state, [server])
