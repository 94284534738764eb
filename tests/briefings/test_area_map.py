"""The dashboard's map: the office's own area from the divisions we ship, outlines only from files the
office installed, and a national map only when its file has the South China Sea islands."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.briefings.fixtures import DAY_START, store_day
from yuqing.briefings import area_map, dashboard
from yuqing.documents.models import Document

pytestmark = pytest.mark.django_db
NOW = DAY_START + timedelta(days=1)


def square(lon: float, lat: float, size: float = 0.5) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def write(folder, name: str, features: list[dict]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


MAINLAND = {"type": "Feature", "properties": {"name": "河南省", "adcode": 410000}, "geometry": square(113, 33)}
ISLANDS = {"type": "Feature", "properties": {"name": "南海诸岛"}, "geometry": square(112, 16.2, 0.2)}


@pytest.fixture
def office(settings, tmp_path):
    settings.YUQING = dataclasses.replace(settings.YUQING, place="永城市", map_dir=tmp_path / "maps")
    return tmp_path / "maps"


def test_the_default_map_is_the_office_area_built_from_the_divisions(office):
    store_day()
    card = area_map.data(Document.objects.all())
    assert card["area"]["names"] == ["永城市"] and card["national"] is False and card["outlines"] == []
    henan = card["area"]["tree"]
    assert (henan["code"], henan["name"], henan["value"]) == ("41", "河南省", 11)  # 8 fire posts (永城) + 3 bus (商丘)
    [shangqiu] = henan["children"]
    assert (shangqiu["name"], shangqiu["value"], shangqiu["rest"], shangqiu["own"]) == ("商丘市", 11, 3, False)
    [yongcheng] = shangqiu["children"]
    assert (yongcheng["name"], yongcheng["value"], yongcheng["own"]) == ("永城市", 8, True)


def test_the_office_area_is_in_the_tree_even_without_posts(office, settings):
    settings.YUQING = dataclasses.replace(settings.YUQING, place="411403")  # 睢阳区: no post names it
    tree = area_map.data(Document.objects.none())["area"]["tree"]
    assert tree["value"] == 0 and tree["children"][0]["children"][0]["name"] == "睢阳区"


def test_a_national_map_without_the_islands_is_refused(office, client, admin_user):
    write(office, "china", [MAINLAND])
    usable, refused = area_map.national()
    assert not usable and "南海诸岛" in refused
    client.force_login(admin_user)
    assert client.get(reverse("briefings:map_file"), {"name": "china"}).status_code == 404
    assert dashboard.data(admin_user, now=NOW)["map"]["national"] is False


def test_a_national_map_with_the_islands_is_offered(office, client, admin_user):
    write(office, "china", [MAINLAND, ISLANDS])
    assert area_map.national() == (True, "")
    client.force_login(admin_user)
    response = client.get(reverse("briefings:map_file"), {"name": "china"})
    assert response.status_code == 200
    assert [f["properties"]["name"] for f in json.loads(b"".join(response.streaming_content))["features"]] == ["河南省", "南海诸岛"]
    card = dashboard.data(admin_user, now=NOW)["map"]
    assert card["national"] is True and card["area"]["names"] == ["永城市"]  # still the area by default


def test_outline_files_are_offered_by_division_code_only(office, client, admin_user):
    write(office, "41", [MAINLAND])
    write(office, "notes", [MAINLAND])
    assert area_map.installed() == ["41"]
    client.force_login(admin_user)
    assert client.get(reverse("briefings:map_file"), {"name": "41"}).status_code == 200
    for name in ("notes", "../maps/41", "41.geojson", ""):
        assert client.get(reverse("briefings:map_file"), {"name": name}).status_code == 404


def test_without_an_area_nothing_is_drawn_by_it(settings, tmp_path):
    settings.YUQING = dataclasses.replace(settings.YUQING, place="", map_dir=tmp_path)
    assert area_map.data(Document.objects.none())["area"] is None


def test_doctor_says_what_the_map_shows_and_refuses(office, settings):
    from yuqing.commands.doctor import map_check

    check = map_check()
    assert check.ok and "永城市" in check.detail and not check.required
    write(office, "china", [MAINLAND])
    check = map_check()
    assert not check.ok and "南海诸岛" in check.detail
    settings.YUQING = dataclasses.replace(settings.YUQING, place="", map_dir=office / "none")
    assert not map_check().ok and "YUQING_PLACE" in map_check().detail
