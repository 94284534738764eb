"""Build china-provinces.geojson from DCW-GMT (Debian package gmt-dcw), simplified.

    apt-get download gmt-dcw && dpkg-deb -x gmt-dcw_*.deb dcw
    python -m venv /tmp/geo && /tmp/geo/bin/pip install h5py numpy
    /tmp/geo/bin/python build_china_provinces.py dcw/usr/share/gmt-dcw/dcw-gmt.nc china-provinces.geojson 0.02

A one-off conversion tool (not imported by yuqing). DCW-GMT stores each province as scaled
16-bit lon/lat offsets with 65535 separating polygons; we decode, drop islets under MIN_AREA,
simplify with Douglas-Peucker at TOLERANCE degrees and write GB/T 2260 codes and names.
"""
import json
import sys

import h5py
import numpy as np

NAMES = {"AH": ("34", "安徽省"), "BJ": ("11", "北京市"), "CQ": ("50", "重庆市"), "FJ": ("35", "福建省"),
         "GD": ("44", "广东省"), "GS": ("62", "甘肃省"), "GX": ("45", "广西壮族自治区"), "GZ": ("52", "贵州省"),
         "HA": ("41", "河南省"), "HB": ("42", "湖北省"), "HE": ("13", "河北省"), "HI": ("46", "海南省"),
         "HK": ("81", "香港特别行政区"), "HL": ("23", "黑龙江省"), "HN": ("43", "湖南省"), "JL": ("22", "吉林省"),
         "JS": ("32", "江苏省"), "JX": ("36", "江西省"), "LN": ("21", "辽宁省"), "MO": ("82", "澳门特别行政区"),
         "NM": ("15", "内蒙古自治区"), "NX": ("64", "宁夏回族自治区"), "QH": ("63", "青海省"), "SC": ("51", "四川省"),
         "SD": ("37", "山东省"), "SH": ("31", "上海市"), "SN": ("61", "陕西省"), "SX": ("14", "山西省"),
         "TJ": ("12", "天津市"), "TW": ("71", "台湾省"), "XJ": ("65", "新疆维吾尔自治区"), "XZ": ("54", "西藏自治区"),
         "YN": ("53", "云南省"), "ZJ": ("33", "浙江省")}
TOLERANCE = float(sys.argv[3]) if len(sys.argv) > 3 else 0.02  # degrees (~2 km)
MIN_AREA = 0.002  # drop islets smaller than this (square degrees) unless they are all a province has


def decode(f, key, axis):
    var = f[f"{key}_{axis}"]
    raw = var[()].astype(np.int64)
    lo, scale = float(var.attrs["min"][0]), float(var.attrs["scale"][0])
    return raw, lo + raw / scale


def rings(f, key):
    rx, lon = decode(f, key, "lon")
    ry, lat = decode(f, key, "lat")
    breaks = np.where(rx == 65535)[0]
    out, start = [], 0
    for b in list(breaks) + [len(rx)]:
        if b - start >= 3:
            out.append(np.column_stack([lon[start:b], lat[start:b]]))
        start = b + 1
    return out


def simplify(points, tol):
    """Douglas-Peucker, iterative."""
    keep = np.zeros(len(points), bool); keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        seg = points[b] - points[a]
        rel = points[a + 1:b] - points[a]
        norm = np.hypot(*seg)
        dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm if norm else np.hypot(rel[:, 0], rel[:, 1])
        i = int(np.argmax(dist))
        if dist[i] > tol:
            keep[a + 1 + i] = True
            stack += [(a, a + 1 + i), (a + 1 + i, b)]
    return points[keep]


def area(ring):
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


def feature(f, abbr):
    code, name = NAMES[abbr]
    polys = []
    all_rings = rings(f, "CN" + abbr)
    biggest = max(area(r) for r in all_rings)
    for ring in all_rings:
        if area(ring) < MIN_AREA and area(ring) < biggest:
            continue
        small = simplify(ring, TOLERANCE)
        if len(small) < 4:
            small = ring if len(ring) < 20 else ring[:: max(1, len(ring) // 8)]
        coords = [[round(float(x), 3), round(float(y), 3)] for x, y in small]
        if coords[0] != coords[-1]:
            coords.append(coords[0])
        polys.append([coords])
    return {"type": "Feature", "properties": {"name": name, "code": code, "dcw": "CN." + abbr},
            "geometry": {"type": "MultiPolygon", "coordinates": polys}}


def main(source, target):
    with h5py.File(source, "r") as f:
        features = [feature(f, abbr) for abbr in sorted(NAMES)]
    with open(target, "w", encoding="utf-8") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
