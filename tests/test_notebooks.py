"""The notebooks in notebooks/ run in a real IPython kernel, and say what they should.

The kernel is this interpreter (a kernelspec written to a temporary Jupyter
path), with this checkout first on its path. Cells tagged in the notebooks'
metadata are checked by tag. The notebooks are stored without outputs.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "kg-test-python"


@pytest.fixture(scope="session")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernelspec running ``sys.executable`` with this checkout importable."""
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    spec.joinpath("kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "kg tests",
                "language": "python",
                "env": {
                    "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
                },
            }
        ),
        "utf-8",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(folder))
        mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        yield KERNEL


def execute(
    nb: nbformat.NotebookNode, kernel: str, cwd: Path, *, allow_errors: bool = False
) -> nbformat.NotebookNode:
    """Run every cell of ``nb`` in a fresh kernel started in ``cwd``; return it with outputs."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=120,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return nb


def text(cell: nbformat.NotebookNode) -> str:
    """Everything a cell printed or displayed, as text (HTML included)."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif out["output_type"] in ("execute_result", "display_data"):
            parts.extend(str(v) for v in out["data"].values())
        elif out["output_type"] == "error":
            parts.append(f"{out['ename']}: {out['evalue']}")
    return "".join(parts)


def tagged(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {tag: c for c in nb.cells for tag in c.get("metadata", {}).get("tags", [])}


def _errors(nb: nbformat.NotebookNode) -> list[str]:
    return [
        text(c) for c in nb.cells if any(o["output_type"] == "error" for o in c.get("outputs", []))
    ]


NAMES = ["01-quickstart.ipynb", "02-sparql-cookbook.ipynb", "03-network-analysis.ipynb"]


@pytest.fixture(scope="module")
def executed(kernel: str) -> dict[str, nbformat.NotebookNode]:
    """All notebooks, run at once (one kernel each: most of their time is waiting)."""
    import asyncio

    from nbclient import NotebookClient

    notebooks = {name: nbformat.read(NOTEBOOKS / name, as_version=4) for name in NAMES}
    clients = [
        NotebookClient(
            nb, kernel_name=kernel, timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}
        )
        for nb in notebooks.values()
    ]

    async def run_all() -> None:
        await asyncio.gather(*(c.async_execute() for c in clients))

    asyncio.run(run_all())
    return notebooks


@pytest.fixture
def run(executed: dict[str, nbformat.NotebookNode]) -> Any:
    def cells(name: str) -> dict[str, nbformat.NotebookNode]:
        assert not _errors(executed[name])
        return tagged(executed[name])

    return cells


@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
            # Only kg's public API: no private names, no kg internals.
            assert "kg._" not in cell.source and "from kg." not in cell.source


def test_quickstart(run: Any) -> None:
    cells = run("01-quickstart.ipynb")
    stats = text(cells["stats"])
    assert "'documents': 5" in stats
    people = text(cells["people"])
    assert "韩立川" in people
    assert "温县" in text(cells["counties"]) and "410825" in text(cells["counties"])
    assert "<iframe" in text(cells["view"]) and "srcdoc" in text(cells["view"])
    assert "韩立川" in text(cells["magic"])
    assert "saved" in text(cells["save"])


def test_sparql_cookbook(run: Any) -> None:
    cells = run("02-sparql-cookbook.ipynb")
    catalogue = text(cells["catalogue"])
    for name in ("people-posts", "place-hierarchy", "cooccurrence", "entity-facts"):
        assert name in catalogue
    assert "温县" in text(cells["hierarchy"]) and "河南省" in text(cells["hierarchy"])
    assert "韩立川" in text(cells["posts"])
    assert "韩立川" in text(cells["facts"])
    assert "温县" in text(cells["own"])
    assert "武陟县" in text(cells["magic"])


def test_network_analysis(run: Any) -> None:
    cells = run("03-network-analysis.ipynb")
    assert "焦作市" in text(cells["centrality"])
    assert "community" in text(cells["communities"])
    path = text(cells["path"])
    assert "韩立川" in path and "sentence" in path
    assert "<iframe" in text(cells["ego"])
    assert "graphml" in text(cells["export"])
