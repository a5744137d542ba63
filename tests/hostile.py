"""Hostile inputs for the hardening tests, as plain lists other code can import.

``tests/test_sparql_safety.py``, ``tests/test_server.py`` and
``tests/test_hostile_page.py`` run every case here; ``scripts/reliability.py``
imports :func:`counts` for the rows of ``docs/reliability.md``::

    >>> from tests.hostile import counts
    >>> sorted(counts())  # doctest: +NORMALIZE_WHITESPACE
    ['SERVICE queries', 'harmless SERVICE lookalikes', 'hostile page documents',
     'hostile page strings', 'pathological queries', 'serve write requests']

Queries take the address of a recording HTTP server as ``{url}`` (an
``http://127.0.0.1:PORT`` base), so a test can tell whether anything called it.
"""

from __future__ import annotations

#: Queries that make the machine running them call ``{url}``: each must be refused.
SERVICE_QUERIES: tuple[str, ...] = (
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ service <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SeRvIcE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?ep {{ <{url}/sparql> }} SERVICE ?ep {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    "BASE <{url}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ ?x ?y ?z }} UNION {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?x ?y ?z MINUS {{ SERVICE <{url}/sparql> {{ ?x ?y ?z }} }} }}",
    "SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?x ?y ?z }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "ASK {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE # a comment between\n  <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND('}} #' AS ?x) SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ BIND("\\"" AS ?x) SERVICE\t<{url}/sparql> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{ SERVICE <{url}/a> {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
)

#: Queries that mention the word but call nothing: each must run.
HARMLESS_QUERIES: tuple[str, ...] = (
    'SELECT * WHERE {{ ?s ?p "SERVICE <{url}/sparql> {{ ?s ?p ?o }}" }}',
    "SELECT * WHERE {{ ?s ?p 'SERVICE <{url}/sparql> {{ }}' }}",
    'SELECT * WHERE {{ ?s ?p """a\nSERVICE <{url}/sparql> {{ }}\n""" }}',
    'SELECT * WHERE {{ ?s ?p "a \\" SERVICE <{url}/sparql> {{ }} \\"" }}',
    "SELECT * WHERE {{ ?s ?p <{url}/SERVICE> }}",
    "SELECT * WHERE {{ ?s ?p ?o }} # SERVICE <{url}/sparql> {{ ?s ?p ?o }}",
    "SELECT ?service WHERE {{ ?service ?p ?o }} LIMIT 1",
    "PREFIX SERVICE: <{url}/> SELECT * WHERE {{ ?s SERVICE:p SERVICE:SERVICE }}",
    'SELECT * WHERE {{ ?s ?p "x"@service }}',
    'SELECT * WHERE {{ ?s ?p ?l FILTER regex(?l, "SERVICE <{url}/> {{ }}") }}',
)

#: Cross products over the whole graph (``{url}`` unused): bounded by ``timeout``.
PATHOLOGICAL_QUERIES: tuple[str, ...] = (
    "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }}",
    "SELECT * WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} ORDER BY ?c ?f ?i ?l LIMIT 1",
    "SELECT DISTINCT ?a ?d ?g ?j WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }}",
)

#: Requests that would write through ``kg serve``: (method, path, content type, body).
SERVE_WRITES: tuple[tuple[str, str, str, bytes], ...] = (
    ("POST", "/update", "application/x-www-form-urlencoded", b"update=CLEAR+ALL"),
    ("POST", "/update", "application/sparql-update", b"DROP ALL"),
    ("POST", "/query", "application/x-www-form-urlencoded", b"update=DROP+ALL"),
    ("POST", "/store?default", "application/n-triples", b"<urn:a> <urn:b> <urn:c> .\n"),
    ("PUT", "/store?default", "application/n-triples", b"<urn:a> <urn:b> <urn:c> .\n"),
    ("DELETE", "/store?default", "", b""),
    ("POST", "/", "application/sparql-update", b"CLEAR ALL"),
    ("PATCH", "/store?default", "application/n-triples", b""),
)

#: Strings that would be markup, script or a trick if the page treated them as HTML.
HOSTILE_STRINGS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    "<svg onload=alert(4)>",
    '" onmouseover="alert(5)',
    "' onfocus='alert(6)' autofocus='",
    "javascript:alert(7)",
    '<a href="javascript:alert(8)">点击</a>',
    '<iframe src="https://example.com/"></iframe>',
    "<style>@import 'https://example.com/x.css';</style>",
    "<!--",
    "]]>-->",
    "\u202eevil\u202c",
    "{{constructor.constructor('alert(9)')()}}",
    "${alert(10)}",
    "\\u003cscript\\u003e",
    "&lt;b&gt;&amp;",
    "\u2028\u2029",
    "\ufeff\u200b\u200d",
    "\x01\x02\x7f",
)

#: Documents whose entity labels, aliases, sentences, titles and paths carry them.
#: Each is (file name, text); the name becomes the document's source path.
HOSTILE_DOCUMENTS: tuple[tuple[str, str], ...] = (
    (
        "<svg onload=alert(11)>.txt",
        "3月8日，市委书记<script>alert(1)</script>谢玉安出席全市防汛工作会议并讲话。"
        "谢玉安强调，要压实责任，确保安全度汛。",
    ),
    (
        "news onerror=alert(12).txt",
        "市委副书记<img src=x onerror=alert(3)>周明远主持召开“<svg onload=alert(4)>”"
        "工作推进会。周明远要求各县区加快推进项目建设。",
    ),
    (
        "引号\"' onfocus='alert(6).txt",
        '副市长" onmouseover="alert(5)韩东升到温县调研“javascript:alert(7)”项目。'
        '韩东升指出，要优化营商环境。韩东升会见了"onmouseover=alert(5)公司总经理一行。',
    ),
    (
        "rtl\u202etxt.exe.txt",
        "县长\u202eevil\u202c李春华出席“\u202e工程\u202c”开工仪式。李春华表示，要抓好安全生产。",
    ),
    (
        "长名.txt",
        "市委常委" + "王" * 3 + "出席会议。" + "“" + "超" * 400 + "工程”正式启动。"
        "会议还表彰了" + "长" * 300 + "县。",
    ),
    (
        "nul\x01.txt",
        "市长\ufeff\u200b赵文博出席“&lt;b&gt;&amp;”座谈会\u2028并讲话。"
        "赵文博强调，要做好{{constructor.constructor('alert(9)')()}}工作。",
    ),
)


def service_queries(url: str) -> list[str]:
    """:data:`SERVICE_QUERIES` aimed at ``url``."""
    return [q.format(url=url) for q in SERVICE_QUERIES]


def harmless_queries(url: str) -> list[str]:
    """:data:`HARMLESS_QUERIES` naming ``url`` (which none of them calls)."""
    return [q.format(url=url) for q in HARMLESS_QUERIES]


def pathological_queries() -> list[str]:
    """:data:`PATHOLOGICAL_QUERIES` as SPARQL text."""
    return [q.format() for q in PATHOLOGICAL_QUERIES]


def counts() -> dict[str, int]:
    """How many cases of each class the hardening tests run (for ``docs/reliability.md``)."""
    return {
        "SERVICE queries": len(SERVICE_QUERIES),
        "harmless SERVICE lookalikes": len(HARMLESS_QUERIES),
        "pathological queries": len(PATHOLOGICAL_QUERIES),
        "serve write requests": len(SERVE_WRITES),
        "hostile page strings": len(HOSTILE_STRINGS),
        "hostile page documents": len(HOSTILE_DOCUMENTS),
    }


def hostile_records() -> list[dict[str, str]]:
    """JSON-lines records carrying each of :data:`HOSTILE_STRINGS` as id, title, source and text."""
    return [
        {
            "id": f"h{i}-{s}",
            "title": s,
            "source": f"archive/{s}.txt",
            "text": f"市委书记谢玉安在第{i + 1}次会议上指出：“{_printable(s)}”要坚决防范。",
        }
        for i, s in enumerate(HOSTILE_STRINGS)
    ]


def _printable(s: str) -> str:
    """``s`` without C0/C1 controls, which the loader rightly takes for a binary file."""
    return "".join(c for c in s if c.isprintable() or c in "\u2028\u2029\u202e\u202c")
