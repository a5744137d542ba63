from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from kg import divisions
from kg.divisions import LEVELS, Division, children, find, get, lineage

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("code", "name", "short", "level", "parent"),
    [
        ("410000", "河南省", "河南", "province", None),
        ("110000", "北京市", "北京", "province", None),
        ("410800", "焦作市", "焦作", "city", "410000"),
        ("410825", "温县", "温县", "county", "410800"),
        ("410823", "武陟县", "武陟", "county", "410800"),
        ("110105", "朝阳区", "朝阳", "county", "110000"),  # municipality: no city level
        ("419001", "济源市", "济源", "county", "410000"),  # administered by the province
        ("429021", "神农架林区", "神农架", "county", "420000"),
        ("532900", "大理白族自治州", "大理", "city", "530000"),
        ("150622", "准格尔旗", "准旗", "county", "150600"),
        ("540530", "错那市", "错那", "county", "540500"),  # 2023 rename applied
    ],
)
def test_get(code: str, name: str, short: str, level: str, parent: str | None) -> None:
    d = get(code)
    assert d == Division(code, d.name, d.short, d.level, d.parent, d.aliases, d.former, d.guards)
    assert (d.name, d.short, d.level, d.parent) == (name, short, level, parent)


@pytest.mark.parametrize("code", ["999999", "", "410871", "419000", "310000x"])
def test_get_unknown(code: str) -> None:
    assert get(code) is None
    assert lineage(code) == []


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("410825", ["温县", "焦作市", "河南省"]),
        ("410800", ["焦作市", "河南省"]),
        ("410000", ["河南省"]),
        ("110105", ["朝阳区", "北京市"]),
        ("429004", ["仙桃市", "湖北省"]),
        ("130503", ["信都区", "邢台市", "河北省"]),
    ],
)
def test_lineage(code: str, names: list[str]) -> None:
    assert [d.name for d in lineage(code)] == names


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("焦作市", ["410800"]),
        ("焦作", ["410800"]),
        ("襄樊", ["420600"]),  # former name, 2010
        ("襄樊市", ["420600"]),
        ("襄阳", ["420600"]),
        ("邢台县", ["130503"]),  # merged into 信都区 in 2020
        ("朝阳区", ["110105", "220104"]),
        ("朝阳", ["211300", "110105", "220104"]),  # higher level first
        ("长沙", ["430100"]),  # not 长沙县: a county does not take its city's short name
        ("大理州", ["532900"]),
        ("彭水县", ["500243"]),
        ("克州", ["653000"]),
        ("北京", ["110000"]),
        ("Ｎ焦作", []),
        ("经济", []),
        ("市", []),
    ],
)
def test_find(name: str, codes: list[str]) -> None:
    assert [d.code for d in find(name)] == codes


def test_find_normalises_width_and_space() -> None:
    assert [d.code for d in find(" 焦作 ")] == ["410800"]


def test_children() -> None:
    names = {d.name for d in children("410800")}
    assert {"温县", "武陟县", "沁阳市", "孟州市", "解放区"} <= names
    assert "焦作城乡一体化示范区" not in names  # a statistical zone, not a division
    assert all(d.parent == "410800" for d in children("410800"))
    assert children("410825") == []


def test_municipality_has_no_duplicate_city() -> None:
    assert {d.level for d in children("310000")} == {"county"}
    assert [d.code for d in find("上海市")] == ["310000"]


@pytest.mark.parametrize(
    ("code", "form", "rule"), [("623001", "合作", "adjacent"), ("410822", "博爱", "context")]
)
def test_common_word_guards(code: str, form: str, rule: str) -> None:
    assert get(code).guard(form) == rule  # type: ignore[union-attr]
    assert get("410800").guard("焦作") is None  # type: ignore[union-attr]


def test_table_is_consistent() -> None:
    table = divisions.all_divisions()
    assert len(table) > 3000
    codes = [d.code for d in table]
    assert len(codes) == len(set(codes))
    expected_parent = {"province": set(), "city": {"province"}, "county": {"province", "city"}}
    for d in table:
        assert re.fullmatch(r"\d{6}", d.code) and d.level in LEVELS
        assert "直辖" not in d.name and not re.fullmatch(r"\d{4}7\d", d.code)
        parent = get(d.parent) if d.parent else None
        assert (parent.level if parent else None) in (expected_parent[d.level] or {None})
        assert d.code[:2] == lineage(d.code)[-1].code[:2]
    counts = {level: sum(d.level == level for d in table) for level in LEVELS}
    assert counts["province"] == 34 and counts["city"] > 300 and counts["county"] > 2800


def test_header_records_source_and_year() -> None:
    about = " ".join(divisions.about())
    assert re.search(r"jionlp \d+\.\d+", about)
    assert re.search(r"data year: .*20\d\d-\d\d-\d\d", about)


def test_towns_are_read_by_name() -> None:
    table = divisions.towns()
    assert len(table) > 30_000
    assert "410825" in table["祥云镇"]  # 温县祥云镇
    assert all(name.endswith(("镇", "乡", "街道", "苏木")) for name in table)


def test_loading_is_lazy_and_fast() -> None:
    code = (
        "import time, kg.divisions as d\n"
        "assert d._table.cache_info().currsize == 0\n"
        "t = time.perf_counter(); d.get('410800'); d.name_index()\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert float(out.stdout) < 1.0


# --- the build script, on a small dictionary of our own -----------------------------

_HIERARCHY = """\
河南省\t410000\t河南
\t焦作市\t410800\t焦作
\t\t温县\t410825\t温县
\t\t\t温泉街道
\t\t\t\t某某村
\t\t\t温县祥云镇
\t\t\t某某农场
\t\t焦作城乡一体化示范区\t410871\t示范区
\t\t合作区\t410899\t合作
\t省直辖行政区划\t419000\t省直辖
\t\t济源市\t419001\t济源
上海市\t310000\t上海
\t上海市\t310000\t上海
\t\t黄浦区\t310101\t黄浦
\t\t无码区
湖北省\t420000\t湖北
\t襄阳市\t420600\t襄阳
\t\t旧名县\t420699\t旧名
"""
_CHANGES = """\
2010-12-09\t国批\t湖北省\t湖北\t襄樊市\t襄樊=>湖北省\t襄阳市
2023-04-03\t民批\t湖北省\t湖北\t襄阳市\t襄阳\t旧名县\t旧名=>湖北省\t襄阳市\t新名市
"""


def _build_main():  # type: ignore[no-untyped-def]
    return runpy.run_path(str(ROOT / "scripts" / "build_divisions.py"), run_name="build_divisions")[
        "main"
    ]


def test_build_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "dictionary"
    folder.mkdir()
    (folder / "china_location.txt").write_text(_HIERARCHY, "utf-8")
    (folder / "china_location_change.txt").write_text(_CHANGES, "utf-8")
    (tmp_path / "__init__.py").write_text("__version__ = '9.9.9'\n", "utf-8")
    out = tmp_path / "divisions.tsv"
    assert _build_main()([str(folder), "-o", str(out)]) == 0

    lines = out.read_text("utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    rows = {r[0]: r for r in (line.split("\t") for line in lines if not line.startswith("#"))}
    assert any("jionlp 9.9.9" in line for line in header)
    assert any("province 3, city 2, county 5" in line for line in header)
    assert sorted(rows) == [
        "310000",
        "310101",
        "410000",
        "410800",
        "410825",
        "410899",
        "419001",
        "420000",
        "420600",
        "420699",
    ]
    assert rows["310101"][4] == "310000"  # the municipality's city-level repeat is gone
    assert rows["419001"][4] == "410000"  # 省直辖 placeholder is not a city
    assert rows["420600"][5] == "襄樊@2010-12-09|襄樊市@2010-12-09"
    assert rows["420699"][1:3] == ["新名市", "旧名"] and rows["420699"][5] == "旧名县@2023-04-03"
    assert rows["410899"][6] == "合作=adjacent"
    assert all(len(r) == 7 for r in rows.values())
    printed = capsys.readouterr().out
    assert (
        "statistical zone (code xxxx7x) 1" in printed
        and "township or village (no code) 4" in printed
    )
    # township-level names go beside it, by county, without the county's name or farms
    towns = (tmp_path / "towns.tsv").read_text("utf-8").splitlines()
    assert [line for line in towns if not line.startswith("#")] == ["410825\t温泉街道|祥云镇"]
