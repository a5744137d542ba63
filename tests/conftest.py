from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

#: Hypothesis profiles. ``kg-fast`` (the default) keeps the whole property
#: suite to seconds; ``kg-nightly`` (``--hypothesis-profile kg-nightly``, run by
#: scripts/reliability.py) multiplies it so the suite tries over 10^5 examples.
#: Property tests scale their own count from the profile's ``max_examples``
#: (see tests/test_properties.py). ``KG_NIGHTLY_EXAMPLES`` sets the nightly base.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("kg-fast", max_examples=10, deadline=None, suppress_health_check=_QUIET)
settings.register_profile(
    "kg-nightly",
    max_examples=int(os.environ.get("KG_NIGHTLY_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=_QUIET,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "kg-fast"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked ``slow`` unless the marker expression names them (``-m slow``)."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow (or scripts/reliability.py)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


#: A short text of our own in the style of government news, used across tests.
SAMPLE = (
    "3月5日，焦作市召开全市经济工作会议。市委书记刘建国出席会议并讲话。"
    "刘建国强调，要抓好夏粮生产，加强麦田管理。\n"
    "会议对温县、武陟县等先进单位进行表彰。市人大常委会副主任张丽华出席会议。"
)


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE, "utf-8")
    return path


@pytest.fixture(scope="session")
def sample_graph(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from kg.builder import build

    folder = tmp_path_factory.mktemp("sample")
    path = folder / "sample.txt"
    path.write_text(SAMPLE, "utf-8")
    return build([path])
