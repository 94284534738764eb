"""The administrative-division gazetteer: places by code, and the names that point at them.

Codes nest by prefix, as in the National Bureau of Statistics lists this file is built from
(scripts/build_gazetteer.py): 2 digits a province (41 河南省), 4 a prefecture-level city
(4114 商丘市), 6 a county-level place (411481 永城市), 9 a township (411481104 酂城镇; NBS
village codes would add 3 more). Every place's code starts with the codes of the places that
enclose it, so "inside 商丘" is `code.startswith("4114")`. NBS placeholder levels (1101
北京市市辖区, 4190 省直辖县级行政区划) are not places here: a Beijing district's parent is 11.
Taiwan (71), Hong Kong (81) and Macau (82) have NBS province codes; their cities and districts
carry codes of the same shape numbered by this project (see the build script).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "gazetteer.tsv.gz"
LEVELS = ("province", "city", "county", "township")
# Where a bare name is ambiguous and the post gives no hint, the place in a municipality,
# provincial capital (NNxx01) or sub-provincial city is the likelier reading (朝阳区 → Beijing).
MUNICIPALITIES = frozenset({"11", "12", "31", "50", "81", "82"})
SUB_PROVINCIAL = frozenset({"2102", "3302", "3502", "3702", "4403"})


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str
    level: str
    path: tuple[str, ...]  # codes from the province down to this place, inclusive

    @property
    def prominence(self) -> int:
        """2 municipality, 1 capital or sub-provincial city, 0 other; for tie-breaking only."""
        if self.path[0] in MUNICIPALITIES:
            return 2
        city = self.path[1] if len(self.path) > 1 else ""
        return 1 if city.endswith("01") or city in SUB_PROVINCIAL else 0


@dataclass(frozen=True, slots=True)
class Form:
    """One surface form and what it may name. Weak forms count only after an enclosing place."""

    text: str
    place: Place | None  # None for a blocker word (孙中山) that hides the place name inside it
    weak: bool
    full: bool  # the place's full name rather than a short name or alias
    traditional: bool


class Gazetteer:
    """Places keyed by code, plus every form that names them."""

    def __init__(self, places: dict[str, Place], forms: list[Form], crossing: frozenset[str] = frozenset()):
        self.places = places
        self.forms = forms
        self.crossing = crossing  # common words that overlap a place name's edge (孩子长)
        self.forms_of: dict[str, list[Form]] = {}
        for form in forms:
            if form.place is not None:
                self.forms_of.setdefault(form.place.code, []).append(form)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> "Gazetteer":
        places: dict[str, Place] = {}
        forms: list[Form] = []
        crossing: frozenset[str] = frozenset()
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                if cells[1] == "cross":
                    crossing = frozenset(cells[4].split("|"))
                elif not line.startswith("#"):
                    _read_row(cells, places, forms)
        return cls(places, forms, crossing)

    def place(self, code: str) -> Place | None:
        return self.places.get(code)

    def name_of(self, code: str) -> str | None:
        place = self.places.get(code)
        return place.name if place else None

    def level_of(self, code: str) -> str | None:
        place = self.places.get(code)
        return place.level if place else None

    def parents(self, code: str) -> list[str]:
        """Codes of the enclosing places, top first, without the place itself."""
        place = self.places.get(code)
        return list(place.path[:-1]) if place else []

    def region_names(self, code: str) -> dict[str, str | None]:
        """Province and city names for a code (the dashboard map), None where there is none.

        `province_short` is the form ECharts' China map uses (河南, 内蒙古, 广西). A district of a
        municipality has no city: its `city` is None and `county` names the district.
        """
        place = self.places.get(code)
        if place is None:
            return {"province": None, "province_short": None, "city": None, "county": None}
        by_level = {self.places[c].level: self.places[c].name for c in place.path}
        province = by_level.get("province")
        return {
            "province": province,
            "province_short": self.short_name(place.path[0]) if province else None,
            "city": by_level.get("city"),
            "county": by_level.get("county"),
        }

    def short_name(self, code: str) -> str | None:
        """The shortest strong simplified form: 广西壮族自治区 → 广西."""
        names = [f.text for f in self.forms_of.get(code, ()) if not f.weak and not f.traditional]
        return min(names, key=len) if names else self.name_of(code)


def _read_row(cells: list[str], places: dict[str, Place], forms: list[Form]) -> None:
    code, level, parent, name, simple, traditional = cells
    if level == "block":
        forms.append(Form(name, None, False, False, False))
        return
    path = (places[parent].path if parent else ()) + (code,)
    place = places[code] = Place(code, name, level, path)
    for index, text in enumerate(simple.split("|")):
        forms.append(Form(text.lstrip("~"), place, text.startswith("~"), index == 0, False))
    for text in filter(None, traditional.split("|")):
        forms.append(Form(text.lstrip("~"), place, text.startswith("~"), False, True))


@cache
def get_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read on first use (about 0.x s) and kept."""
    return Gazetteer.load()
