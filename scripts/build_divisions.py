"""Build ``kg/data/divisions.tsv`` from the place dictionary shipped in jionlp.

Usage::

    pip download --no-deps jionlp -d /tmp/jio
    python scripts/build_divisions.py /tmp/jio/jionlp-*.whl -o kg/data/divisions.tsv \
        --towns kg/data/towns.tsv

SOURCE is the jionlp wheel, or a folder holding ``china_location.zip`` (or the
unzipped ``china_location.txt``) and ``china_location_change.txt`` — for
example ``jionlp/dictionary`` of an unpacked wheel. jionlp itself is never
imported: the script only reads those two files.

What it keeps: provinces, prefecture-level units and county-level units that
have their own code. What it leaves out, and why:

* township and village lines — the source gives them no code, so they have
  no stable identifier; the township-level names (镇, 乡, 街道, 苏木) go to a file of
  their own, ``kg/data/towns.tsv`` (``--towns``), by their county's code;
* the city-level repeat of a municipality or SAR (``上海市 310000`` under
  ``上海市 310000``) — its counties hang directly under the province;
* the ``省直辖行政区划`` / ``市直辖行政区划`` placeholders — not places; the
  county-level units under them belong to the province;
* statistical zones whose code has 7 in the fifth digit (``410871``
  焦作城乡一体化示范区, 经开区, 高新区) — the statistics bureau's functional
  zones, not administrative divisions;
* lines without a code, or repeating a code already used (Taiwan's districts,
  Hong Kong's and Macao's districts carry their parent's code).

Former names from ``china_location_change.txt`` become aliases of the unit
they now belong to, with the date of the change. A change whose new name is
not yet in the hierarchy (the change list is updated more often) renames the
unit in place, keeping its code.

Each name is also checked against ordinary language, so the extractor does not
read 合作市 into 区域合作 (see ``docs/divisions.md``): a county-level name that
jieba's dictionary lists as a common word (any tag but ``ns``; for names with
an administrative suffix, person-name tags are ignored as jieba noise) with
frequency >= 1000 is marked ``adjacent`` (it counts only right after its
parent's name, 甘南州合作), with frequency >= 100 ``context`` (it counts only
when its parent is named in the same document). So is a bare county name that
jieba lists as a place at least ten times as often as the county's full name:
it mostly names something else (中原 the region, 龙门 the grottoes). With ``--pfr`` the People's
Daily January 1998 corpus adds evidence for every level: a name tagged there
as a common word (not ns/nr/nz/nt) at least twice and more often than as a
place is marked ``context`` at least (来宾 "guests", 安康 "well-being").
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

LEVELS = ("province", "city", "county")
_ZONE = re.compile(r"\d{4}7\d")
_PLACEHOLDER = "直辖"
_VERSION = re.compile(r"""__version__\s*=\s*['"]([^'"]+)['"]""")


@dataclass
class Unit:
    code: str
    name: str
    short: str
    level: str
    parent: str
    other: list[str] = field(default_factory=list)
    former: dict[str, str] = field(default_factory=dict)
    guards: dict[str, str] = field(default_factory=dict)

    def forms(self) -> list[str]:
        return list(dict.fromkeys([self.name, self.short, *self.other, *self.former]))


@dataclass
class Source:
    hierarchy: str
    changes: str
    version: str
    label: str


def read_source(path: Path) -> Source:
    """The two dictionary files and the jionlp version from a wheel or a folder."""
    if path.is_file() and path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            names = wheel.namelist()
            inner = wheel.read(_one(names, "jionlp/dictionary/china_location.zip", path))
            changes = wheel.read(_one(names, "jionlp/dictionary/china_location_change.txt", path))
            init = wheel.read(_one(names, "jionlp/__init__.py", path)).decode("utf-8")
        with zipfile.ZipFile(io.BytesIO(inner)) as z:
            hierarchy = z.read("china_location.txt").decode("utf-8")
        version = _version_of(init) or _version_from_wheel_name(path.name)
        return Source(hierarchy, changes.decode("utf-8"), version, path.name)
    if path.is_dir():
        txt, packed = path / "china_location.txt", path / "china_location.zip"
        if txt.exists():
            hierarchy = txt.read_text("utf-8")
        elif packed.exists():
            with zipfile.ZipFile(packed) as z:
                hierarchy = z.read("china_location.txt").decode("utf-8")
        else:
            sys.exit(f"Error: {path} has neither china_location.txt nor china_location.zip")
        change_file = path / "china_location_change.txt"
        if not change_file.exists():
            sys.exit(f"Error: {path} has no china_location_change.txt")
        init = path.parent / "__init__.py"
        version = _version_of(init.read_text("utf-8")) if init.exists() else None
        return Source(hierarchy, change_file.read_text("utf-8"), version or "unknown", str(path))
    sys.exit(f"Error: {path} is neither a jionlp wheel (.whl) nor a dictionary folder")


def _one(names: list[str], wanted: str, path: Path) -> str:
    if wanted not in names:
        sys.exit(f"Error: {path} has no {wanted}; is it a jionlp wheel?")
    return wanted


def _version_of(init_text: str) -> str | None:
    match = _VERSION.search(init_text)
    return match.group(1) if match else None


def _version_from_wheel_name(name: str) -> str:
    parts = name.split("-")
    return parts[1] if len(parts) > 1 else "unknown"


def parse_hierarchy(text: str, skipped: Counter[str]) -> dict[str, Unit]:
    """Provinces, cities and counties with codes, keyed by code."""
    units: dict[str, Unit] = {}
    province: Unit | None = None
    city: Unit | None = None  # None: counties attach to the province
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            skipped["township or village (no code)"] += 1
            continue
        fields = line.strip("\t").split("\t")
        if len(fields) != 3 or not fields[1].isdigit():
            skipped["no code"] += 1
            continue
        name, code, shorts = fields
        short, *other = [s for s in shorts.split("/") if s] or [name]
        if depth == 0:
            province = units[code] = Unit(code, name, short, "province", "", other)
            city = None
        elif depth == 1:
            assert province is not None
            if code == province.code:
                skipped["city-level repeat of a municipality or SAR"] += 1
                city = None
            elif _PLACEHOLDER in name:
                skipped["直辖 placeholder"] += 1
                city = None
            elif code in units:
                skipped["repeated code"] += 1
            else:
                city = units[code] = Unit(code, name, short, "city", province.code, other)
        else:
            assert province is not None
            parent = city or province
            if _PLACEHOLDER in name:
                skipped["直辖 placeholder"] += 1
            elif _ZONE.fullmatch(code):
                skipped["statistical zone (code xxxx7x)"] += 1
            elif code in units:
                skipped["repeated code"] += 1
            else:
                units[code] = Unit(code, name, short, "county", parent.code, other)
    return units


@dataclass
class Change:
    date: str
    old: list[tuple[str, str]]  # (full, short) from province down
    new: list[str]  # full names from province down


def parse_changes(text: str) -> list[Change]:
    changes = []
    seen = set()
    for raw in text.splitlines():
        line = raw.strip("\r\n")
        if not line.strip() or line in seen:
            continue
        seen.add(line)
        left, right = line.split("=>")
        cols = left.split("\t")
        old = [(cols[i], cols[i + 1]) for i in range(2, len(cols), 2)]
        changes.append(Change(cols[0], old, right.split("\t")))
    return changes


def apply_changes(
    units: dict[str, Unit], changes: list[Change]
) -> tuple[list[str], list[str], list[str]]:
    """Attach former names; rename units the hierarchy has not caught up with.

    Returns the dates of changes the hierarchy already shows, the changes this
    function applied, and those it could not place.
    """
    by_path = _paths(units)
    reflected: list[str] = []
    applied: list[str] = []
    unplaced: list[str] = []
    for ch in changes:
        old_full = [full for full, _ in ch.old]
        target = by_path.get(tuple(ch.new))
        if target is not None:
            reflected.append(ch.date)
        elif (current := _unchanged(by_path, ch)) is not None:
            del by_path[_path_of(units, current)]
            current.name = ch.new[-1]
            by_path[_path_of(units, current)] = target = current
            applied.append(f"{ch.date} {old_full[-1]} => {ch.new[-1]} ({current.code})")
        elif (target := _by_short(units, by_path, ch.new)) is not None:
            reflected.append(ch.date)
        else:
            unplaced.append(f"{ch.date} {'/'.join(old_full)} => {'/'.join(ch.new)}")
            continue
        old_name, old_short = ch.old[-1]
        for form in (old_name, old_short):
            if form and form not in (target.name, target.short, *target.other):
                target.former.setdefault(form, ch.date)
    return reflected, applied, unplaced


def _unchanged(by_path: dict[tuple[str, ...], Unit], ch: Change) -> Unit | None:
    """The unit still under its old name where the change list puts the new one."""
    if len(ch.new) != len(ch.old):
        return None
    return by_path.get((*ch.new[:-1], ch.old[-1][0]))


def _by_short(
    units: dict[str, Unit], by_path: dict[tuple[str, ...], Unit], new: list[str]
) -> Unit | None:
    """The unit the change list names loosely (金秀县 for 金秀瑶族自治县, 玉环区 for 玉环市)."""
    parent = by_path.get(tuple(new[:-1]))
    stem = new[-1][:-1] if new[-1][-1:] in "县区市旗" else new[-1]
    if parent is None or len(stem) < 2:
        return None
    found = [u for u in units.values() if u.parent == parent.code and u.short == stem]
    return found[0] if len(found) == 1 else None


def _path_of(units: dict[str, Unit], unit: Unit) -> tuple[str, ...]:
    path = [unit.name]
    while unit.parent:
        unit = units[unit.parent]
        path.append(unit.name)
    if len(path) == 2 and unit.code[:2] in {"11", "12", "31", "50"}:
        path.insert(1, unit.name)  # the change list repeats a municipality at city level
    return tuple(reversed(path))


def _paths(units: dict[str, Unit]) -> dict[tuple[str, ...], Unit]:
    return {_path_of(units, u): u for u in units.values()}


#: jieba frequency from which a county-level name needs its parent in the document.
CONTEXT_FREQ = 100
#: jieba frequency from which it needs its parent's name directly before it.
ADJACENT_FREQ = 1000
#: How much more frequent than the full name a bare county name must be to count as a word.
OTHER_PLACE_RATIO = 10
_SUFFIXES = "省市县区旗盟州"
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz"})
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "x"})


def jieba_words() -> tuple[dict[str, tuple[int, str]], str]:
    """jieba's main dictionary (word -> (frequency, tag)) and jieba's version."""
    import jieba

    words = {}
    with jieba.Tokenizer().get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words, jieba.__version__


def pfr_counts(folder: Path) -> dict[str, Counter[str]]:
    """Tag counts of each word in the PFR People's Daily corpus (GB18030 text)."""
    token = re.compile(r"(?:^|[\s\[])([^\s/\[\]]+)/([a-zA-Z]+)")
    counts: dict[str, Counter[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text("gb18030", errors="replace")
        for word, tag in token.findall(text):
            counts.setdefault(word, Counter())[tag] += 1
    return counts


def set_guards(
    units: dict[str, Unit],
    jieba_dict: dict[str, tuple[int, str]],
    pfr: dict[str, Counter[str]] | None,
) -> None:
    """Mark the names that are also ordinary words (see the module docstring)."""
    rank = {"context": 1, "adjacent": 2}
    for unit in units.values():
        full_freq = jieba_dict.get(unit.name, (0, "ns"))[0]
        for form in unit.forms():
            guard = None
            freq, tag = jieba_dict.get(form, (0, "ns"))
            suffixed = form[-1] in _SUFFIXES
            word = tag not in (_NAME_TAGS if suffixed else {"ns"})
            # a bare name far more frequent than the county's full name mostly
            # means something else: 中原 (the region), 龙门 (the grottoes)
            other_place = not suffixed and freq >= OTHER_PLACE_RATIO * max(full_freq, 1)
            if unit.level == "county" and (word or other_place):
                if freq >= ADJACENT_FREQ:
                    guard = "adjacent"
                elif freq >= CONTEXT_FREQ:
                    guard = "context"
            if pfr is not None and form in pfr:
                tags = pfr[form]
                common = sum(n for t, n in tags.items() if t not in _PROPER_TAGS)
                if common >= 2 and common > tags["ns"] and guard is None:
                    guard = "context"
            if guard is not None and rank[guard] > rank.get(unit.guards.get(form, ""), 0):
                unit.guards[form] = guard


#: Township-level kinds kept in the towns file (not 农场, 林场, 监狱, … whose lines the
#: source lists among them).
TOWN_KINDS = ("镇", "乡", "街道", "苏木")


def parse_towns(text: str, units: dict[str, Unit]) -> dict[str, list[str]]:
    """Township-level units (towns, townships, sub-districts, sumu) by the code of the
    county-level unit above them. The source gives them no code of their own; a few of
    its names carry their county's or zone's name (濮阳县渠村乡, 某开发区某镇), which is cut."""
    divisions = {u.name for u in units.values()}
    towns: dict[str, list[str]] = {}
    county = ""
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth == 2:
            county = fields[1] if len(fields) > 1 and fields[1].isdigit() else ""
        elif depth == 3 and county and fields[0].endswith(TOWN_KINDS):
            name = _own_name(fields[0], divisions)
            if len(name) >= 3 and name not in towns.get(county, []):
                towns.setdefault(county, []).append(name)
    return towns


def _own_name(name: str, divisions: set[str]) -> str:
    """A town's name without the division or zone written before it (濮阳县|渠村乡)."""
    for cut in range(len(name) - 3, 1, -1):
        prefix = name[:cut]
        if prefix in divisions or prefix.endswith(("开发区", "管理区")):
            return name[cut:]
    return name


def write_towns(towns: dict[str, list[str]], out: Path, source: Source) -> None:
    header = [
        "# Township-level units of China (towns 镇, townships 乡, sub-districts 街道, sumu 苏木),",
        "# grouped by the code of the county-level unit above them (they have no code of their",
        "# own).",
        f"# source: jionlp {source.version} (https://github.com/dongrixinyu/JioNLP, Apache-2.0),",
        "#   jionlp/dictionary/china_location.zip; names of three characters or more",
        f"# counts: {sum(map(len, towns.values()))} units under {len(towns)} county-level units",
        "# generated by scripts/build_divisions.py; regenerate instead of editing",
        "# columns: county code, names separated by '|'",
    ]
    rows = [f"{code}\t{'|'.join(names)}" for code, names in sorted(towns.items())]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + rows) + "\n", "utf-8")


def write_tsv(
    units: dict[str, Unit],
    out: Path,
    source: Source,
    reflected: list[str],
    applied: list[str],
    evidence: str,
) -> None:
    counts = Counter(u.level for u in units.values())
    header = [
        "# Administrative divisions of China: provinces, prefecture-level and county-level units.",
        f"# source: jionlp {source.version} (https://github.com/dongrixinyu/JioNLP, Apache-2.0),",
        "#   jionlp/dictionary/china_location.zip and china_location_change.txt",
        f"# data year: hierarchy current to {max(reflected)} (latest change it already shows);",
        f"#   {len(applied)} renames it lacks applied from the change list, latest "
        f"{max(a.split()[0] for a in applied) if applied else 'none'}",
        "# counts: " + ", ".join(f"{lvl} {counts[lvl]}" for lvl in LEVELS),
        "# generated by scripts/build_divisions.py; regenerate instead of editing",
        f"# common-word guards from {evidence}",
        "# columns: code, name, short, level, parent, aliases, guards",
        "#   aliases: other names separated by '|';",
        "#   a former name carries the date it was replaced (襄樊市@2010-12-09)",
        "#   guards: names that are also ordinary words, with the evidence the extractor",
        "#   needs before it reads them as this unit: context or adjacent (合作=adjacent)",
    ]
    rows = []
    for code in sorted(units):
        u = units[code]
        aliases = list(dict.fromkeys(u.other))
        aliases += [f"{name}@{date}" for name, date in sorted(u.former.items())]
        guards = "|".join(f"{form}={rule}" for form, rule in sorted(u.guards.items()))
        rows.append(
            "\t".join([u.code, u.name, u.short, u.level, u.parent, "|".join(aliases), guards])
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + rows) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="jionlp wheel or its dictionary folder")
    parser.add_argument("-o", "--output", type=Path, default=Path("kg/data/divisions.tsv"))
    parser.add_argument(
        "--towns", type=Path, help="township-level names file (default: towns.tsv beside OUTPUT)"
    )
    parser.add_argument(
        "--pfr", type=Path, help="folder of the PFR People's Daily 1998 corpus (optional evidence)"
    )
    args = parser.parse_args(argv)

    source = read_source(args.source)
    skipped: Counter[str] = Counter()
    units = parse_hierarchy(source.hierarchy, skipped)
    reflected, applied, unplaced = apply_changes(units, parse_changes(source.changes))
    jieba_dict, jieba_version = jieba_words()
    pfr = pfr_counts(args.pfr) if args.pfr else None
    set_guards(units, jieba_dict, pfr)
    evidence = f"jieba {jieba_version} dict.txt" + (" and PFR 1998-01" if pfr else "")
    write_tsv(units, args.output, source, reflected, applied, evidence)
    towns = parse_towns(source.hierarchy, units)
    args.towns = args.towns or args.output.with_name("towns.tsv")
    write_towns(towns, args.towns, source)

    counts = Counter(u.level for u in units.values())
    print(f"source: {source.label} (jionlp {source.version})")
    print("kept:", ", ".join(f"{lvl} {counts[lvl]}" for lvl in LEVELS), f"(total {len(units)})")
    print("former names:", sum(len(u.former) for u in units.values()))
    rules = Counter(rule for u in units.values() for rule in u.guards.values())
    print(f"guarded names ({evidence}):", ", ".join(f"{r} {n}" for r, n in sorted(rules.items())))
    print("skipped:", ", ".join(f"{why} {n}" for why, n in skipped.most_common()))
    print(f"changes already in the hierarchy: {len(reflected)}, latest {max(reflected)}")
    for line in applied:
        print("applied rename:", line)
    for line in unplaced:
        print("could not place change:", line)
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes)")
    print(f"towns: {sum(map(len, towns.values()))} under {len(towns)} county-level units")
    print(f"wrote {args.towns} ({args.towns.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
