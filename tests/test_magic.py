"""The %%sparql and %kg_viz magics, run through a real IPython kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kg.store import save
from tests.test_named_queries import fixture_graph
from tests.test_notebooks import execute, kernel, text  # noqa: F401  (kernel is a fixture)

PEOPLE = "SELECT DISTINCT ?name WHERE { ?p a foaf:Person ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def session(kernel: str, tmp_path_factory: pytest.TempPathFactory) -> list[nbformat.NotebookNode]:  # noqa: F811
    """One kernel session exercising the magics; the executed cells, in order."""
    folder = tmp_path_factory.mktemp("magic")
    trig = save(fixture_graph(folder), folder / "fixture.trig")
    sources = [
        "%load_ext kg",
        f"import kg\ngraph = kg.open_graph({str(trig)!r})\ncity = '温县'\npath = {trig.name!r}",
        f"%%sparql graph --out people\n{PEOPLE}",  # 2: a variable, stored
        "print(type(people).__name__, people.name.tolist())",
        f"%sparql {trig.name} --named people-posts --param place={{city}}",  # 4: a file, expanded
        "%%sparql --param name=温县 --out hit\nSELECT DISTINCT ?p ?name { ?p rdfs:label ?name }",
        "print(len(hit), hit.name.tolist())",  # 6: the last graph, a binding
        "%sparql path --named place-hierarchy --param place=温县",  # 7: a variable holding a path
        "%%sparql graph\nASK { ?p a foaf:Person }",
        "%%sparql graph\nSELEC ?x WHERE {",  # 9: errors from here on
        "%%sparql nosuchgraph\nASK {}",
        "%sparql graph --named people-posts",
        "%%sparql graph --param place\nASK {}",
        "%kg_viz graph --focus 温县",  # 13
        "%kg_viz graph --focus 不存在的地方",
        "%kg_viz",
    ]
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    return list(execute(nb, kernel, folder, allow_errors=True).cells)


def _usage_error(cell: nbformat.NotebookNode) -> str:
    """IPython shows a UsageError as one line on stderr, with no traceback."""
    assert not [o for o in cell.outputs if o["output_type"] == "error"]
    (line,) = [o["text"] for o in cell.outputs if o.get("name") == "stderr"]
    assert line.startswith("UsageError: ") and line.count("\n") == 1, line
    return line


def test_sparql_cell_shows_and_stores_a_dataframe(session: list[nbformat.NotebookNode]) -> None:
    result = [o for o in session[2].outputs if o["output_type"] == "execute_result"]
    assert (
        result and "text/html" in result[0]["data"] and "韩立川" in result[0]["data"]["text/html"]
    )
    assert text(session[3]).startswith("DataFrame [")
    assert "'王国良'" in text(session[3]) and "'韩立川'" in text(session[3])


def test_graph_from_a_file_and_expanded_params(session: list[nbformat.NotebookNode]) -> None:
    shown = text(session[4])
    assert "王国良" in shown and "县委书记" in shown
    assert "韩立川" not in shown  # the place was bound to 温县 from the variable ``city``
    assert "焦作市" in text(session[7]) and "410800" in text(session[7])


def test_last_graph_and_bindings(session: list[nbformat.NotebookNode]) -> None:
    assert text(session[6]).strip() == "1 ['温县']"
    assert "True" in text(session[8])


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (9, "SPARQL query failed"),
        (10, "nosuchgraph: no such variable or RDF file"),
        (11, "needs parameter 'place'"),
        (12, "expected NAME=VALUE"),
        (14, "不存在的地方"),
        (15, "%kg_viz: the following arguments are required: GRAPH"),
    ],
)
def test_errors_are_one_line_usage_errors(
    session: list[nbformat.NotebookNode], index: int, message: str
) -> None:
    assert message in _usage_error(session[index])


def test_kg_viz_displays_the_explorer_inline(session: list[nbformat.NotebookNode]) -> None:
    (shown,) = [o for o in session[13].outputs if o["output_type"] == "display_data"]
    page = shown["data"]["text/html"]
    assert page.startswith("<iframe") and "srcdoc=" in page and "温县" in page
    assert not [o for o in session[13].outputs if o["output_type"] == "error"]


def test_extension_entry_point() -> None:
    import kg

    assert callable(kg.load_ipython_extension)
    assert Path(kg.__file__).parent.joinpath("magic.py").is_file()
