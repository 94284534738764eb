"""The dashboard's map: the office's own area by default; a national map only from a file the office
installed, and never one without the South China Sea islands (南海诸岛).

By default the card shows the province that holds the office's area (documents.area) as its
division tree from the gazetteer we ship: its cities, their counties, and the townships that posts
name, each sized by the posts of the last days that name it or a place inside it. That needs no
outlines, so nothing is drawn that could be a wrong border.

Outlines are the office's to add, from a map it is licensed to use (a 标准地图 with its 审图号), in
YUQING_MAP_DIR (default $YUQING_HOME/maps; docs/briefings.md): `<code>.geojson` holds the outlines
of the divisions directly inside division <code> (41.geojson: 河南省's cities), and the dashboard
draws that level as a map. `china.geojson` is the national map of provinces; it is offered only
when its geometry reaches the South China Sea islands, otherwise it is refused with the reason.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from yuqing.analysis.gazetteer import get_gazetteer
from yuqing.documents.area import Area, office_area
from yuqing.documents.models import DocumentPlace

NATIONAL = "china"
NAME = re.compile(r"^(china|\d{2}|\d{4}|\d{6}|\d{9})$")  # what may be asked for (and read from the folder)
# 西沙、中沙、南沙群岛 lie in this lon/lat box, south of Hainan island (whose southern tip is at 18.16°N).
SOUTH_CHINA_SEA = (109.0, 3.0, 118.5, 17.5)


def map_dir() -> Path | None:
    return getattr(settings.YUQING, "map_dir", None)


def map_file(name: str) -> Path | None:
    """The office's installed file for `name` (a division code or "china"), if there is one."""
    folder = map_dir()
    if not NAME.match(name) or folder is None:
        return None
    path = folder / f"{name}.geojson"
    return path if path.is_file() else None


def installed() -> list[str]:
    """The division codes that have installed outlines (not the national map)."""
    folder = map_dir()
    if folder is None or not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.geojson") if NAME.match(p.stem) and p.stem != NATIONAL)


def signature() -> str:
    """What the map card depends on besides the documents: the office's place and the installed files
    (name, size, time), so that a figure cached for a few seconds never outlives a map an office installs."""
    folder = map_dir()
    files = []
    if folder is not None and folder.is_dir():
        for path in sorted(folder.glob("*.geojson")):
            stat = path.stat()
            files.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return f"{getattr(settings.YUQING, 'place', '')}|{folder}|{','.join(files)}"


def _points(geometry: dict):
    stack = [geometry.get("coordinates", [])] + [g.get("coordinates", []) for g in geometry.get("geometries", [])]
    while stack:
        item = stack.pop()
        if isinstance(item, list) and len(item) >= 2 and all(isinstance(v, (int, float)) for v in item[:2]):
            yield item[0], item[1]
        elif isinstance(item, list):
            stack.extend(item)


def reaches_south_china_sea(geo: dict) -> bool:
    west, south, east, north = SOUTH_CHINA_SEA
    features = geo.get("features", []) if geo.get("type") == "FeatureCollection" else [geo]
    for feature in features:
        for lon, lat in _points(feature.get("geometry") or {}):
            if west <= lon <= east and south <= lat <= north:
                return True
    return False


@lru_cache(maxsize=4)
def _national_problem(path: Path, mtime: float) -> str:
    try:
        geo = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return _("%(file)s cannot be read as GeoJSON: %(error)s") % {"file": path, "error": error}
    if not reaches_south_china_sea(geo):
        return _("%(file)s has no South China Sea islands (南海诸岛); a national map without them is never shown. "
                 "Install the complete standard map.") % {"file": path}
    return ""


def national() -> tuple[bool, str]:
    """(installed and usable, the reason it is refused)."""
    path = map_file(NATIONAL)
    if path is None:
        return False, ""
    problem = _national_problem(path, path.stat().st_mtime)
    return not problem, problem


@lru_cache(maxsize=8)
def _children(province: str) -> dict[str, list[str]]:
    """Division code → the codes directly inside it, for one province."""
    found: dict[str, list[str]] = defaultdict(list)
    for code, place in get_gazetteer().places.items():
        if place.path[0] == province and len(place.path) > 1:
            found[place.path[-2]].append(code)
    return found


def tree(docs, area: Area) -> dict:
    """The area's province as nested nodes: code, name, value (documents naming it or a place inside
    it), rest (naming it but no place inside), own (inside the office's area), children (with posts)."""
    gazetteer, province = get_gazetteer(), area.province
    named: dict[str, set[int]] = defaultdict(set)
    direct: dict[str, set[int]] = defaultdict(set)
    rows = DocumentPlace.objects.filter(document__in=docs, code__startswith=province).values_list("code", "document_id")
    for code, doc_id in rows.iterator(chunk_size=5000):
        place = gazetteer.place(code)
        if place is None:
            continue
        direct[code].add(doc_id)
        for enclosing in place.path:
            named[enclosing].add(doc_id)
    children = _children(province)

    def node(code: str) -> dict:
        own = any(code.startswith(c) for c in area.codes)
        kids = [node(c) for c in children.get(code, []) if named.get(c) or any(a.startswith(c) for a in area.codes)]
        inside = set().union(*(named[c] for c in children.get(code, []) if c in named))
        return {"code": code, "name": gazetteer.name_of(code), "value": len(named.get(code, ())), "own": own,
                "rest": len(direct.get(code, set()) - inside),
                "children": sorted(kids, key=lambda k: (-k["value"], k["code"]))}

    return node(province)


def area_names(area: Area) -> list[str]:
    return [get_gazetteer().name_of(code) or code for code in area.codes]


def data(docs) -> dict:
    """What the dashboard's map card draws (see dashboard.js)."""
    area = office_area()
    usable, refused = national()
    return {
        "area": {"codes": list(area.codes), "names": area_names(area),
                 "configured": area.configured, "tree": tree(docs, area)} if area else None,
        "outlines": installed(), "national": usable, "national_refused": refused,
    }
