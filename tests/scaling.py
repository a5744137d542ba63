"""A check that a piece of work grows linearly with its input, timed against itself.

A fixed limit in seconds (``< 15``) fails on a loaded machine and passes a quadratic
reading on a fast one; the ratio of two sizes timed in the same process does neither:
four times the input should take about four times as long, and sixteen if the work is
quadratic.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def assert_linear(run: Callable[[int], object], repeats: int, factor: int = 4) -> None:
    """Time ``run(repeats // factor)`` and ``run(repeats)``; the larger may take at most
    twice ``factor`` times the smaller (plus a second of slack for start-up costs)."""
    small = max(1, repeats // factor)
    started = time.perf_counter()
    run(small)
    small_s = time.perf_counter() - started
    started = time.perf_counter()
    run(repeats)
    large_s = time.perf_counter() - started
    limit = 2 * factor * small_s + 1.0
    assert large_s < limit, (
        f"{repeats} repeats took {large_s:.1f} s, {small} took {small_s:.1f} s: "
        f"more than linear (limit {limit:.1f} s)"
    )
