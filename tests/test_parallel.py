"""Extraction in worker processes and on Dask gives the same graph as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.builder import documents, update
from kg.errors import ConfigError
from kg.parallel import chunks, extract
from kg.store import DatasetStore

from .conftest import SAMPLE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def built(tmp_path: Path, **options: object) -> set[tuple[str, ...]]:
    store = DatasetStore()
    update(store, documents([EXAMPLES, tmp_path / "sample.txt"]), **options)  # type: ignore[arg-type]
    return {tuple(map(str, q)) for q in store.dataset.quads((None, None, None, None))}


@pytest.fixture
def one_worker(tmp_path: Path) -> set[tuple[str, ...]]:
    (tmp_path / "sample.txt").write_text(SAMPLE, "utf-8")
    return built(tmp_path)


def test_two_workers_same_triples(tmp_path: Path, one_worker: set[tuple[str, ...]]) -> None:
    assert len(one_worker) > 1000
    assert built(tmp_path, workers=2) == one_worker


def test_order_and_chunks() -> None:
    from kg.documents import document

    docs = [document("焦作市召开会议。" * (i + 1), id=f"d{i}") for i in range(7)]
    assert [len(c) for c in chunks(docs, size=20)] == [2, 1, 1, 1, 1, 1]
    graphs = list(extract(docs, ["divisions"], workers=2))
    assert [g.chars for g in graphs] == [len(d.text) for d in docs]
    with pytest.raises(ConfigError, match="at least 1"):
        list(extract(docs, ["divisions"], workers=0))


def test_dask_local_cluster(tmp_path: Path, one_worker: set[tuple[str, ...]]) -> None:
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] not installed")
    with (
        distributed.LocalCluster(
            host="127.0.0.1",
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert built(tmp_path, dask=client) == one_worker
        assert built(tmp_path, dask=cluster.scheduler_address) == one_worker


def test_dask_unreachable_scheduler(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed", reason="dask[distributed] not installed")
    from kg.documents import document

    monkeypatch.setattr("kg.parallel.DASK_CONNECT_S", 1.0)
    with pytest.raises(ConfigError, match="cannot reach the scheduler"):
        list(extract([document("测试。")], ["divisions"], dask="tcp://127.0.0.1:9"))
