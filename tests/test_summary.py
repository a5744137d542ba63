from __future__ import annotations

from kg.summary import stats


def test_counts(sample_graph) -> None:  # type: ignore[no-untyped-def]
    counts = stats(sample_graph)
    assert counts["documents"] == 1
    assert counts["entities"]["Person"] == 2  # type: ignore[index]
    assert counts["triples"] > counts["mentions"] > 0  # type: ignore[operator]
