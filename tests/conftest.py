from __future__ import annotations

from pathlib import Path

import pytest

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
