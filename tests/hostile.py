"""Hostile inputs for the hardening tests, as plain lists other code can import.

``tests/test_sparql_safety.py``, ``tests/test_server.py`` and
``tests/test_hostile_page.py`` run every case here; ``scripts/reliability.py``
imports :func:`counts` and :func:`report_rows` for the rows of
``docs/reliability.md`` (``python -m tests.hostile`` prints them)::

    >>> from tests.hostile import counts
    >>> sorted(counts())  # doctest: +NORMALIZE_WHITESPACE
    ['SERVICE queries', 'harmless SERVICE lookalikes', 'hostile page documents',
     'hostile page strings', 'pathological queries', 'serve write requests']

Queries take the address of a recording HTTP server as ``{url}`` (an
``http://127.0.0.1:PORT`` base), so a test can tell whether anything called it.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class ReportRow:
    """One row of ``docs/reliability.md``: a class of attack, its cases and the tests that run them.

    ``tests`` are pytest node ids (``file::function``; a parametrized
    function runs all its cases), so ``pytest *row.tests`` runs the row.
    """

    name: str
    what: str
    cases: int
    tests: tuple[str, ...]


_SAFETY = "tests/test_sparql_safety.py::"
_SERVER = "tests/test_server.py::"
_PAGE = "tests/test_hostile_page.py::"


def report_rows() -> list[ReportRow]:
    """The rows this module's cases make, with how many cases each runs."""
    n_service, n_harmless = len(SERVICE_QUERIES), len(HARMLESS_QUERIES)
    n_slow = len(PATHOLOGICAL_QUERIES)
    return [
        ReportRow(
            "SPARQL SERVICE",
            f"{n_service} SERVICE queries refused (kg.query on Oxigraph and rdflib, kg query, "
            "kg serve by GET/POST/form/double query; %%sparql, kg viz --query), nothing reaches "
            f"a recording server; {n_harmless} lookalikes run; FROM not fetched",
            n_service + n_harmless,
            (
                _SAFETY + "test_service_is_refused_and_calls_nothing",
                _SAFETY + "test_the_word_service_elsewhere_is_not_refused",
                _SAFETY + "test_allow_service_really_calls",
                _SAFETY + "test_rdflib_engine_does_not_fetch_from_clauses",
                _SAFETY + "test_named_queries_call_no_service",
                _SAFETY + "test_magic_refuses_service_unless_allowed",
                _SAFETY + "test_viz_query_refuses_service",
                _SERVER + "test_service_is_refused_on_the_endpoint",
                _SERVER + "test_allow_service_passes_it_on",
            ),
        ),
        ReportRow(
            "serve updates",
            f"{len(SERVE_WRITES)} write requests to kg serve (SPARQL Update, Graph Store "
            "PUT/POST/DELETE/PATCH) refused, store unchanged; foreign Host refused; "
            "binds 127.0.0.1 by default and says where it listens; stops on Ctrl-C (to it or "
            "its process group) and, started in the background, on SIGTERM",
            len(SERVE_WRITES) + 2,
            (
                _SERVER + "test_writes_are_refused",
                _SERVER + "test_foreign_host_header_is_refused",
                _SERVER + "test_binds_loopback_by_default_and_says_otherwise",
                _SERVER + "test_kg_serve_answers_and_stops_on_ctrl_c",
                _SERVER + "test_kg_serve_started_in_the_background_stops_on_sigterm",
                _SERVER + "test_bad_bind_is_a_one_line_error",
            ),
        ),
        ReportRow(
            "query timeout",
            f"{n_slow} cross products over the whole graph stopped by --timeout (kg.query, "
            "kg query, %%sparql, kg serve), one by --max-memory; a remote endpoint that never "
            "answers; bounded results equal unbounded ones",
            n_slow * 2 + 4,
            (
                _SAFETY + "test_cross_product_stops_at_the_timeout",
                _SAFETY + "test_cli_timeout",
                _SAFETY + "test_memory_limit_stops_a_materialising_query",
                _SAFETY + "test_a_bounded_query_gives_the_same_result",
                _SAFETY + "test_bounded_errors_and_bindings",
                _SAFETY + "test_remote_query_passes_the_timeout_to_http",
                _SERVER + "test_a_cross_product_is_stopped_by_the_timeout",
            ),
        ),
        ReportRow(
            "hostile page",
            f"{len(HOSTILE_DOCUMENTS)} documents and {len(HOSTILE_STRINGS)} JSON-lines records "
            "(labels, sentences, titles, paths) through kg.build and kg viz into Chromium: no "
            "dialog, no request, no foreign element or handler, text shown literally",
            len(HOSTILE_DOCUMENTS) + len(HOSTILE_STRINGS),
            (
                _PAGE + "test_the_pipeline_carried_the_hostile_strings",
                _PAGE + "test_opening_the_page_runs_nothing",
                _PAGE + "test_panel_shows_hostile_text_literally",
                _PAGE + "test_clicking_and_searching_hostile_nodes",
                _PAGE + "test_a_hostile_focus_and_title",
            ),
        ),
    ]


def row_of(nodeid: str) -> str | None:
    """The row a pytest node id (``tests/x.py::test_y[param]``) belongs to, if any.

    >>> row_of("tests/test_server.py::test_writes_are_refused[POST-/update-x-y]")
    'serve updates'
    """
    function = nodeid.split("[", 1)[0]
    for row in report_rows():
        if function in row.tests:
            return row.name
    return None


if __name__ == "__main__":
    for row in report_rows():
        print(f"{row.name:<16} {row.cases:>4} cases  {len(row.tests)} tests  {row.what}")
